"""Papers that introduced the catalog's older entries, those cited by several entries, and the
author lists of more than one paper.

Each is shown by ``actplot info``, the gallery's index and ``actplot info NAME --cite``.
"""

from __future__ import annotations

from actplot.core.schema import Paper

#: Authors of several papers.
BARRON = "Barron, Jonathan T."
BISWAS_ET_AL = "Biswas, Koushik and Kumar, Sandeep and Banerjee, Shilpak and Pandey, Ashish Kumar"

GELU = Paper("Hendrycks, Dan and Gimpel, Kevin", "Gaussian Error Linear Units (GELUs)", 2016, arxiv="1606.08415")
ELU = Paper("Clevert, Djork-Arné and Unterthiner, Thomas and Hochreiter, Sepp",
            "Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)", 2015, arxiv="1511.07289",
            venue="International Conference on Learning Representations")
SELU = Paper("Klambauer, Günter and Unterthiner, Thomas and Mayr, Andreas and Hochreiter, Sepp",
             "Self-Normalizing Neural Networks", 2017, arxiv="1706.02515",
             venue="Advances in Neural Information Processing Systems 30")
CELU = Paper(BARRON, "Continuously Differentiable Exponential Linear Units", 2017, arxiv="1704.07483")
SILU = Paper("Elfwing, Stefan and Uchibe, Eiji and Doya, Kenji",
             "Sigmoid-Weighted Linear Units for Neural Network Function Approximation in Reinforcement Learning",
             2017, arxiv="1702.03118")
SWISH = Paper("Ramachandran, Prajit and Zoph, Barret and Le, Quoc V.", "Searching for Activation Functions", 2017,
              arxiv="1710.05941")
MISH = Paper("Misra, Diganta", "Mish: A Self Regularized Non-Monotonic Activation Function", 2019,
             arxiv="1908.08681")
PRELU = Paper("He, Kaiming and Zhang, Xiangyu and Ren, Shaoqing and Sun, Jian",
              "Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification", 2015,
              arxiv="1502.01852")
RRELU = Paper("Xu, Bing and Wang, Naiyan and Chen, Tianqi and Li, Mu",
              "Empirical Evaluation of Rectified Activations in Convolutional Network", 2015, arxiv="1505.00853")
HARDSWISH = Paper("Howard, Andrew and Sandler, Mark and Chu, Grace and Chen, Liang-Chieh and Chen, Bo and Tan, "
                  "Mingxing and Wang, Weijun and Zhu, Yukun and Pang, Ruoming and Vasudevan, Vijay and Le, Quoc V. "
                  "and Adam, Hartwig", "Searching for MobileNetV3", 2019, arxiv="1905.02244")
SQUAREPLUS = Paper(BARRON, "Squareplus: A Softplus-Like Algebraic Rectifier", 2021,
                   arxiv="2112.11687")
RELU_SQUARED = Paper("So, David R. and Mańke, Wojciech and Liu, Hanxiao and Dai, Zihang and Shazeer, Noam and "
                     "Le, Quoc V.", "Primer: Searching for Efficient Transformers for Language Modeling", 2021,
                     arxiv="2109.08668")
ISRU = Paper("Carlile, Brad and Delamarter, Guy and Kinney, Paul and Marti, Akiko and Whitney, Brian",
             "Improving Deep Learning by Inverse Square Root Linear Units (ISRLUs)", 2017, arxiv="1710.09967")
GOLDEN = Paper("Basirat, Mina and Roth, Peter M.", "The Quest for the Golden Activation Function", 2018,
               arxiv="1808.00783")
ERFACT_PSERF = Paper(BISWAS_ET_AL, "ErfAct and Pserf: Non-monotonic Smooth Trainable Activation Functions", 2021,
                     arxiv="2109.04386")
PISHCHIK = Paper("Pishchik, Evgenii", "Trainable Activations for Image Classification", 2023,
                 doi="10.20944/preprints202301.0463.v1", venue="Preprints")
