"""How large an input referat takes by default: the command line shows it in ``--help`` and the
batch and the one-file route enforce it, so it lives apart from both (``--help`` imports neither)."""

MAX_SIZE = 100 * 1024 * 1024  # bytes; minutes are rarely above a few MB, and a larger input would fill memory
