"""studyapp: a terminal study app for deep-learning interview prep."""

__version__ = "0.1.0"

import os as _os

# The engine's matrices are small: BLAS threads only add contention (30 ms steps instead of 1 ms on a busy
# 2-core machine). Set before NumPy is first imported; a user's own setting wins.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_name, "1")
