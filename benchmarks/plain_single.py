"""The plain way to draw Leaky ReLU and its derivative: numpy and pyplot, as a user would write it.

Usage: python plain_single.py OUTPUT.png
"""

import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

alpha = 0.01
x = np.linspace(-10, 10, 2001)
y = np.where(x > 0, x, alpha * x)
dy = np.where(x > 0, 1.0, alpha)

fig, (left, right) = plt.subplots(1, 2, figsize=(9.2, 3.9))
left.plot(x, y)
left.set_title("Leaky ReLU")
left.set_xlabel("x")
left.grid(True, alpha=0.3)
right.plot(x, dy)
right.set_title("derivative")
right.set_xlabel("x")
right.grid(True, alpha=0.3)
plt.tight_layout()
plt.savefig(sys.argv[1], dpi=150)
