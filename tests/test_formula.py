"""Formulas as plain text for the terminal, ``actplot info`` and ``actplot list``.

Every formula of the catalog is compared with its expected text, written out below and read
against the mathtext; an entry added without its expected text fails here, naming it.
"""

from __future__ import annotations

from typing import Any

import pytest

import actplot
from actplot.catalog import frameworks, registry
from actplot.core.formula import GREEK, ascii_text, plain
from actplot.core.schema import Activation, Choice
from tests.conftest import case_id, parameter_cases

#: Each entry's f and f' (and f'' where an entry has a formula of its own for it) as plain text,
#: at its defaults; "name param=option" where an option of a choice parameter changes the formulas;
#: a framework name where its formulas are no canonical entry's.
EXPECTED: dict[str, tuple[str, ...]] = {
    'relu': ('max(0, x)', '1 if x > 0 else 0'),
    'relu6': ('min(max(0, x), 6)', '1 if 0 < x < 6 else 0'),
    'leaky-relu': ('x if x > 0 else α x', '1 if x > 0 else α'),
    'prelu': ('x if x > 0 else a x', '1 if x > 0 else a'),
    'rrelu': ('x if x > 0 else ((l+u)/2) x', '1 if x > 0 else (l+u)/2'),
    'relu-squared': ('max(0, x)^2', '2 max(0, x)'),
    'threshold': ('x if x > θ else v', '1 if x > θ else 0'),
    'binary-step': ('1 if x ≥ 0 else 0', '0'),
    'srelu': (
        't_r + a_r (x - t_r) if x ≥ t_r; x if x > t_l; t_l + a_l (x - t_l) else',
        'a_r if x ≥ t_r; 1 if x > t_l; a_l else',
    ),
    'apl': ('max(0, x) + Σ_s a_s max(0, -x + b_s)', '[x > 0] - Σ_s a_s [x < b_s]'),
    'plu': ('max(α (x + c) - c, min(α (x - c) + c, x))', '1 if |x| < c else α'),
    'frelu': ('max(0, x) + b', '1 if x > 0 else 0'),
    'arelu': ('(1 + σ(β)) x if x ≥ 0 else clamp(α) x', '1 + σ(β) if x ≥ 0 else clamp(α)'),
    'clipped-relu': ('min(max(0, x), m)', '1 if 0 < x < m else 0'),
    'repu': ('max(0, x)^p', 'p max(0, x)^(p - 1)'),
    'star-relu': ('s max(0, x)^2 + b', '2 s max(0, x)'),
    'nlrelu': ('ln(β max(0, x) + 1)', 'β/(1 + β x) if x > 0 else 0'),
    'sqnl': ('x - sign(x) x^2/4 if |x| ≤ 2 else sign(x)', '1 - |x|/2 if |x| ≤ 2 else 0'),
    'elu': ('x if x > 0 else α (e^x - 1)', '1 if x > 0 else α e^x'),
    'celu': ('max(0, x) + min(0, α (e^(x/α) - 1))', '1 if x > 0 else e^(x/α)'),
    'selu': ('λ x if x > 0 else λα (e^x - 1)', 'λ if x > 0 else λα e^x'),
    'exponential': ('e^x', 'e^x'),
    'pelu': ('(a/b) x if x ≥ 0 else a (e^(x/b) - 1)', 'a/b if x ≥ 0 else (a/b) e^(x/b)'),
    'isrlu': ('x if x ≥ 0 else x/sqrt(1 + α x^2)', '1 if x ≥ 0 else (1 + α x^2)^(-3/2)'),
    'mpelu': ('x if x > 0 else α (e^(β x) - 1)', '1 if x > 0 else α β e^(β x)'),
    'xielu': (
        'α_p x^2 + β x if x > 0 else α_n (e^x - 1 - x) + β x',
        '2 α_p x + β if x > 0 else α_n (e^x - 1) + β',
    ),
    'serlu': ('λ x if x ≥ 0 else λ α x e^x', 'λ if x ≥ 0 else λ α (1 + x) e^x'),
    'soft-exponential': ('(e^(α x) - 1)/α + α', 'e^(α x)'),
    'elish': (
        'x σ(x) if x ≥ 0 else (e^x - 1) σ(x)',
        "σ(x)(1 + x(1 - σ(x))) if x ≥ 0 else e^x σ(x) + (e^x - 1) σ'(x)",
    ),
    'hard-elish': (
        'x h(x) if x ≥ 0 else (e^x - 1) h(x), h = clip((x + 1)/2, 0, 1)',
        "h(x) + x h'(x) if x ≥ 0 else e^x h(x) + (e^x - 1) h'(x)",
    ),
    'gelu': ('x Φ(x) = (x/2) (1 + erf(x/sqrt(2)))', 'Φ(x) + x φ(x)'),
    'gelu approximate=tanh': (
        '(x/2) (1 + tanh(sqrt(2/π) (x + 0.044715 x^3)))',
        '(1/2) (1 + tanh(u)) + (x/2) (1 - tanh^2(u)) sqrt(2/π) (1 + 0.134145 x^2), u = sqrt(2/π) (x + 0.044715 x^3)',
    ),
    'silu': ('x σ(x) = x/(1 + e^(-x))', 'σ(x) (1 + x (1 - σ(x)))'),
    'swish-beta': ('x σ(β x)', 'σ(β x) + β x σ(β x) (1 - σ(β x))'),
    'mish': ('x tanh(ln(1 + e^x))', 'tanh(s) + x (1 - tanh^2(s)) σ(x), s = ln(1 + e^x)'),
    'hardswish': ('x min(max(x + 3, 0), 6)/6', '0 if x ≤ -3; x/3 + 1/2 if x < 3; 1 else'),
    'tanhexp': ('x tanh(e^x)', 'tanh(e^x) + x e^x (1 - tanh^2(e^x))'),
    'serf': ('x erf(ln(1 + e^x))', 'erf(s) + x (2/sqrt(π)) e^(-s^2) σ(x), s = ln(1 + e^x)'),
    'logish': ('x ln(1 + σ(x))', "ln(1 + σ(x)) + (x σ'(x))/(1 + σ(x))"),
    'smish': ('x tanh(ln(1 + σ(x)))', "h(σ(x)) + x h'(σ(x)) σ'(x), h(s) = tanh(ln(1 + s))"),
    'phish': ('x tanh(x Φ(x))', 'tanh(u) + x (1 - tanh^2(u))(Φ(x) + x φ(x)), u = x Φ(x)'),
    'lisht': ('x tanh(x)', 'tanh(x) + x (1 - tanh^2(x))'),
    'e-swish': ('β x σ(x)', 'β (σ(x) + x σ(x)(1 - σ(x)))'),
    'quick-gelu': ('x σ(1.702 x)', "σ(1.702 x) + 1.702 x σ'(1.702 x)"),
    'golu': ('x e^(-e^(-x))', 'e^(-e^(-x)) (1 + x e^(-x))'),
    'acon-c': (
        '(p_1 - p_2) x σ(β (p_1 - p_2) x) + p_2 x',
        '(p_1 - p_2) σ(z) (1 + z σ(-z)) + p_2, z = β (p_1 - p_2) x',
    ),
    'fts': ('x σ(x) + T if x ≥ 0 else T', 'σ(x) (1 + x (1 - σ(x))) if x ≥ 0 else 0'),
    'dsilu': ('σ(x) (1 + x (1 - σ(x)))', 'σ(x) (1 - σ(x)) (2 - x tanh(x/2))'),
    'erfact': ('x erf(α e^(β x))', 'erf(w) + (2/sqrt(π)) β x w e^(-w^2), w = α e^(β x)'),
    'pserf': (
        'x erf(γ ln(1 + e^(δ x)))',
        'erf(w) + (2/sqrt(π)) x e^(-w^2) γδ σ(δ x), w = γ ln(1 + e^(δ x))',
    ),
    'tanhsoft': (
        'tanh(α x + β e^(γ x)) ln(δ + e^x)',
        '(1 - tanh^2(u))(α + βγ e^(γ x)) L + tanh(u) e^x/(δ + e^x), u = α x + β e^(γ x), L = ln(δ + e^x)',
    ),
    'smu': (
        '((1 + α) x + (1 - α) x erf(μ (1 - α) x))/2',
        '(1 + α)/2 + ((1 - α)/2)(erf(k x) + (2/sqrt(π)) k x e^(-k^2 x^2)), k = μ(1 - α)',
    ),
    'sau': ('α x + (1 - α) (x Φ(x/σ) + σ φ(x/σ))', 'α + (1 - α) Φ(x/σ)'),
    'sinlu': ('(x + a sin(b x)) σ(x)', "(1 + a b cos(b x)) σ(x) + (x + a sin(b x)) σ'(x)"),
    'softplus': ('(1/β) ln(1 + e^(β x)) if β x ≤ t else x', 'σ(β x) if β x ≤ t else 1'),
    'squareplus': ('(x + sqrt(x^2 + b))/2', '(1/2) (1 + x/sqrt(x^2 + b))'),
    'sparse-plus': ('0 if x ≤ -β; (x + β)^2/(4β) if x < β; x else', 'clip((x + β)/(2β), 0, 1)'),
    'shifted-softplus': ('ln((1/2) e^x + 1/2)', 'σ(x)'),
    'bent-identity': ('(sqrt(x^2 + 1) - 1)/2 + x', 'x/(2 sqrt(x^2 + 1)) + 1'),
    'sigmoid': ('σ(x) = 1/(1 + e^(-x))', 'σ(x) (1 - σ(x))'),
    'tanh': ('tanh(x) = (e^x - e^(-x))/(e^x + e^(-x))', '1 - tanh^2(x)'),
    'hardtanh': ('min(max(x, a), b)', '1 if a < x < b else 0'),
    'hardsigmoid': ('min(max(x + 3, 0), 6)/6', '1/6 if -3 < x < 3 else 0'),
    'sparse-sigmoid': ('clip((x + 1)/2, 0, 1)', '1/2 if -1 < x < 1 else 0'),
    'softsign': ('x/(1 + |x|)', '1/(1 + |x|)^2'),
    'log-sigmoid': ('ln(σ(x)) = -ln(1 + e^(-x))', '1 - σ(x)'),
    'arctan': ('arctan(x)', '1/(1 + x^2)'),
    'isru': ('x/sqrt(1 + α x^2)', '(1 + α x^2)^(-3/2)'),
    'lecun-tanh': ('1.7159 tanh((2/3) x)', '1.1439 (1 - tanh^2((2/3) x))'),
    'penalized-tanh': ('tanh(x) if x > 0 else a tanh(x)', '1 - tanh^2(x) if x > 0 else a (1 - tanh^2(x))'),
    'cloglog': ('1 - e^(-e^x)', 'e^(x - e^x)'),
    'gumbel': ('e^(-e^(-x))', 'e^(-x - e^(-x))'),
    'laplace': ('(1/2) (1 + erf((x - μ)/(σ sqrt(2))))', '(1/(σ sqrt(2π))) e^(-(x - μ)^2 / (2σ^2))'),
    'soft-root-sign': ('x/(x / α + e^(-x / β))', '((1 + x / β) e^(-x / β))/(x / α + e^(-x / β))^2'),
    'soft-clipping': ('(1/p) ln((1 + e^(p x))/(1 + e^(p (x - 1))))', 'σ(p x) - σ(p (x - 1))'),
    'pau': ('(Σ_j a_j x^j)/(1 + Σ_k |b_k| |x|^k)', "(P'(x) Q(x) - P(x) Q'(x))/Q(x)^2"),
    'hardshrink': ('x if |x| > λ else 0', '1 if |x| > λ else 0'),
    'softshrink': ('sign(x) max(|x| - λ, 0)', '1 if |x| > λ else 0'),
    'tanhshrink': ('x - tanh(x)', 'tanh^2(x)'),
    'softmax': ('e^x/(e^x + Σ_j e^(z_j))', 's (1 - s), s = softmax(x)_0'),
    'softmin': ('e^(-x)/(e^(-x) + Σ_j e^(-z_j))', '-s (1 - s), s = softmin(x)_0'),
    'log-softmax': ('x - ln(e^x + Σ_j e^(z_j))', '1 - softmax(x)_0'),
    'snake': ('x + (1/α) sin^2(α x)', '1 + sin(2 α x)'),
    'siren': ('sin(ω_0 x)', 'ω_0 cos(ω_0 x)'),
    'gcu': ('x cos(x)', 'cos(x) - x sin(x)'),
    'sinc': ('sin(x)/x (1 at 0)', '(x cos(x) - sin(x))/x^2'),
    'mexican-hat': ('(1 - x^2) e^(-x^2/2)', 'x (x^2 - 3) e^(-x^2/2)'),
    'identity': ('x', '1'),
    'gaussian': ('e^(-x^2)', '-2x e^(-x^2)'),
    'sinusoid': ('sin(x)', 'cos(x)'),
    'inclusive-leaky-relu': ('x if x ≥ 0 else α x', '1 if x ≥ 0 else α'),
    'inclusive-hardtanh': ('min(max(x, a), b)', '1 if a ≤ x ≤ b else 0'),
    'elu-jax': ('x if x > 0 else α (e^x - 1)', '1 if x > 0 else α e^x'),
    'celu-jax': ('max(0, x) + min(0, α (e^(x/α) - 1))', '1 if x > 0 else e^(x/α)'),
    'selu-jax': ('λ x if x > 0 else λα (e^x - 1)', 'λ if x > 0 else λα e^x'),
    'softsign-jax': ('x/(1 + |x|)', '1/(1 + |x|)^2'),
    'softplus-exact': ('ln(1 + e^x)', 'σ(x)'),
    'celu-keras': ('max(0, x) + min(0, α (e^(x/α) - 1))', '1 if x > 0 else e^(x/α)'),
    'selu-tf': ('λ x if x > 0 else λα (e^x - 1)', 'λ if x > 0 else λα e^x'),
    'sparse-sigmoid-keras': ('clip((x + 1)/2, 0, 1)', '1/2 if -1 < x < 1 else 0'),
    'prelu-keras': ('x if x > 0 else a x', '1 if x > 0 else a'),
    'keras-relu': ('min(x, m) if x > θ else α (x - θ)', '1 if θ < x ≤ m else (α if x < θ else 0)'),
    'affine-hard-sigmoid': ('max(0, min(1, α x + β))', 'α if 0 < α x + β < 1 else 0'),
    'shrink': ('x - b if x > λ; x + b if x < -λ; 0 else', '1 if |x| > λ else 0'),
    'selu-parametric': ('γ x if x > 0 else γα (e^x - 1)', 'γ if x > 0 else γα e^x'),
    'jax.nn.log1mexp': ('ln(1 - e^(-x)), x > 0', '1/(e^x - 1)'),
    'dprelu': ('β x if x > 0 else α x', 'β if x > 0 else α'),
    'dual-line': ('β x + m if x > 0 else α x + m', 'β if x > 0 else α'),
    'bi-firing': ('-x - a/2 if x < -a; x^2/(2a) if |x| ≤ a; x - a/2 else', 'x/a if |x| ≤ a else sign(x)'),
    'sqlu': ('x if x > 0; x + x^2/4 if -2 ≤ x ≤ 0; -1 else', '1 if x > 0; 1 + x/2 if -2 ≤ x ≤ 0; 0 else'),
    'reu': ('x if x > 0 else x e^x', '1 if x > 0 else (1 + x) e^x'),
    'preu': ('x if x > 0 else α x e^(β x)', '1 if x > 0 else α (1 + β x) e^(β x)'),
    'rsigelu': ('x + α x σ(x) if x > 1; x if 0 ≤ x ≤ 1; β (e^x - 1) else',
        '1 + α σ(x) (1 + x (1 - σ(x))) if x > 1; 1 if 0 ≤ x ≤ 1; β e^x else'),
    'reltanh': ('tanh(x) if λ_(-) < x < λ_(+) else tanh(λ) + (x - λ) sech^2 (λ), λ = λ_(±)',
        'sech^2 (x) if λ_(-) < x < λ_(+) else sech^2 (λ_(±))'),
    'signrelu': ('x if x > 0 else (α x)/(1 + |x|)', '1 if x > 0 else α/(1 + |x|)^2'),
    'pflu': ('x · (1/2)(1 + x/sqrt(1 + x^2))', '(1/2)(1 + x/sqrt(1 + x^2) + x/(1 + x^2)^(3/2))'),
    'fpflu': ('max(x, x/(1 + x^2))', '1 if x > 0 else (1 - x^2)/(1 + x^2)^2'),
    'gish': ('x ln(2 - e^(-e^x))', 'ln(2 - e^(-e^x)) + (x e^x e^(-e^x))/(2 - e^(-e^x))'),
    'aptx': ('γ x (α + tanh(β x))', 'γ (α + tanh(β x)) + γ β x (1 - tanh^2(β x))'),
    'resech': ('x sech(x)', 'sech(x) (1 - x tanh(x))'),
    'erfrelu': ('x if x ≥ 0 else α erf(x)', '1 if x ≥ 0 else (2α/sqrt(π)) e^(-x^2)'),
    'swish-t': ('x σ(β x) + α tanh(x)', "σ(β x) + β x σ'(β x) + α (1 - tanh^2(x))"),
    'swish-t-b': ('σ(β x)(x + 2α) - α', "σ(β x) + β (x + 2α) σ'(β x)"),
    'swish-t-c': ('σ(β x)(x + 2α / β) - α / β', "σ(β x) + (β x + 2α) σ'(β x)"),
    'coslu': ('(x + a cos(b x)) σ(x)', "(1 - a b sin(b x)) σ(x) + (x + a cos(b x)) σ'(x)"),
    'delu': ('x σ(x) if x ≤ 0 else (n + 1/2) x + 1 - e^(-x)', 'σ(x) (1 + x (1 - σ(x))) if x ≤ 0 else n + 1/2 + e^(-x)'),
    'shilu': ('α max(0, x) + β', 'α if x > 0 else 0'),
    'polu': ('x if x ≥ 0 else (1 - x)^(-n) - 1', '1 if x ≥ 0 else n (1 - x)^(-n-1)'),
    'slu': ('x if x ≥ 0 else 2 ln((1 + e^x)/2)', '1 if x ≥ 0 else 2 σ(x)'),
    'soft-plus-plus': ('ln(1 + e^(k x)) + x/c - ln(2)', 'k σ(k x) + 1/c'),
    'aria2': ('x σ(β x)^α = x (1 + e^(-β x))^(-α)', 'σ(β x)^α (1 + α β x σ(-β x))'),
    'shelu': ('x + b if x + b > 0 else e^(x + b) - 1', '1 if x + b > 0 else e^(x + b)'),
    'scaled-softsign': ('(α x)/(β + |x|)', '(α β)/(β + |x|)^2'),
    'probit': ('Φ(x) = (1/2) (1 + erf(x / sqrt(2)))', 'φ(x) = (1/sqrt(2π)) e^(-x^2/2)'),
    'cloglogm': ('1 - 2 e^(-0.7 e^x)', '1.4 e^x e^(-0.7 e^x)'),
    'smooth-step': ('0 if x ≤ -γ/2; 1 if x ≥ γ/2; -(2/γ^3) x^3 + (3/(2γ)) x + 1/2 else',
        '3/(2γ) - (6/γ^3) x^2 if |x| < γ/2 else 0'),
    'stanh': ('a tanh(b x)', 'a b (1 - tanh^2(b x))'),
    'tanhlu': ('α tanh(λ x) + β x', 'α λ (1 - tanh^2(λ x)) + β'),
    'siglin': ('σ(x) + a x', 'σ(x) (1 - σ(x)) + a'),
    'sparsemax': ('max(x - τ, 0), τ = (Σ_(j ≤ k) z_((j)) - 1)/k', '1 - 1/k if x > τ else 0'),
    'hardmax': ('1 if x ≥ max_j(z_j) else 0', '0'),
    'glu': ('x σ(c)', 'σ(c)'),
    'glu vary=gate': ('c σ(x)', "c σ'(x)"),
    'bilinear': ('x c', 'c'),
    'bilinear vary=gate': ('c x', 'c'),
    'reglu': ('x ReLU(c)', 'ReLU(c)'),
    'reglu vary=gate': ('c ReLU(x)', "c ReLU'(x)"),
    'geglu': ('x GELU(c)', 'GELU(c)'),
    'geglu vary=gate': ('c GELU(x)', "c GELU'(x)"),
    'swiglu': ('x Swish_β(c)', 'Swish_β(c)'),
    'swiglu vary=gate': ('c Swish_β(x)', "c Swish_β'(x)"),
    'squ': ('x^2 + x', '2x + 1'),
    'ncu': ('x - x^3', '1 - 3x^2'),
    'cube': ('x^3', '3x^2'),
    'cone': ('1 - |x - 1|', 'sign(1 - x)'),
    'parabolic-cone': ('x (2 - x)', '2 - 2x'),
    'soft-modulus-q': ('x^2 (2 - |x|) if |x| ≤ 1 else |x|', '4x - 3x|x| if |x| ≤ 1 else sign(x)'),
    'soft-modulus-t': ('x tanh(x / α)', 'tanh(x / α) + (x/α) (1 - tanh^2(x / α))'),
    'ssu': ('π sinc(x - π), sinc(t) = sin(t)/t', 'π (t cos(t) - sin(t))/t^2, t = x - π'),
    'dsu': ('(π/2) (sinc(x - π) - sinc(x + π)) = (π^2 sin(x))/(π^2 - x^2)',
        '(π^2 ((π^2 - x^2) cos(x) + 2x sin(x)))/(π^2 - x^2)^2'),
    'rational-relu': ('(1.1915 x^3 + 1.5957 x^2 + 0.5 x + 0.0218)/(2.383 x^2 + 1)',
        '1/2 + (2 (1.5957 - 0.0218 · 2.383) x)/(2.383 x^2 + 1)^2'),
    'laplacian': ('e^(-|x| / a)', '-(sign(x)/a) e^(-|x| / a)'),
    'inverse-quadratic': ('1/(1 + (a x)^2)', '-(2 a^2 x)/(1 + (a x)^2)^2'),
    'inverse-multiquadric': ('1/sqrt(1 + (a x)^2)', '-(a^2 x)/(1 + (a x)^2)^(3/2)'),
    'super-gaussian': ('(e^(-x^2 / (2 σ^2)))^b', '-((b x)/σ^2) (e^(-x^2 / (2 σ^2)))^b'),
    'expsin': ('e^(-sin(a x))', '-a cos(a x) e^(-sin(a x))'),
    'real-gabor': ('cos(ω_0 x) e^(-(s_0 x)^2)', '-(ω_0 sin(ω_0 x) + 2 s_0^2 x cos(ω_0 x)) e^(-(s_0 x)^2)'),
    'finer': ('sin(ω_0 (|x| + 1) x)', 'ω_0 (2 |x| + 1) cos(ω_0 (|x| + 1) x)'),
    'snake-beta': ('x + (1/β) sin^2(α x)', '1 + (α/β) sin(2 α x)'),
    'sparsemax-keras': ('max(x - τ, 0), τ = (Σ_(i ≤ k) C_i - 1)/k, C_i = Σ_(j ≤ i) z_((j))',
        '1 - (k - r + 1)/k if x ≥ τ else 0'),
    'inclusive-hard-sigmoid': ('max(0, min(1, α x + β))', 'α if 0 ≤ α x + β ≤ 1 else 0'),
    'hardswish-closed': ('x min(max(x + 3, 0), 6)/6', '0 if x < -3; x/3 + 1/2 if x ≤ 3; 1 else'),
}

#: Every parameter symbol (``actplot info`` shows it as plain('$' + symbol + '$')).
SYMBOLS = {
    r"\alpha": "α", r"\beta": "β", r"\gamma": "γ", r"\delta": "δ", r"\theta": "θ", r"\lambda": "λ", r"\mu": "μ",
    r"\sigma": "σ", r"\omega_0": "ω_0", r"\alpha_p": "α_p", r"\alpha_n": "α_n", "a": "a", "b": "b", "c": "c",
    "l": "l", "m": "m", "p": "p", "s": "s", "t": "t", "u": "u", "v": "v", "T": "T", "t_l": "t_l", "a_l": "a_l",
    "t_r": "t_r", "a_r": "a_r", "a_s": "a_s", "b_s": "b_s", "p_1": "p_1", "p_2": "p_2", "a_j": "a_j",
    "b_k": "b_k", "z_j": "z_j", r"\lambda_{+}": "λ_(+)", r"\lambda_{-}": "λ_(-)", "s_0": "s_0", "n": "n", "k": "k",
}


def formulas(entry: Activation, params: dict[str, Any]) -> tuple[str, ...]:
    """The mathtext of f and f', and of f'' where the entry has one of its own."""
    found = [entry.formula_at(0, **params), entry.formula_at(1, **params)]
    try:
        second = entry.formula_at(2, **params)
    except (ValueError, KeyError, IndexError):
        second = ""
    if second and second != found[1]:
        found.append(second)
    return tuple(found)


def formula_cases() -> dict[str, tuple[Activation, dict[str, Any]]]:
    """The cases EXPECTED names: every built-in entry at its defaults, each option of a choice
    parameter that changes its formulas, and each framework name whose formulas are new."""
    cases: dict[str, tuple[Activation, dict[str, Any]]] = {}
    seen: set[tuple[str, ...]] = set()
    for name, entry in registry().items():
        if entry.source != "builtin":
            continue
        cases[name] = (entry, {})
        seen.add(formulas(entry, {}))
        for param in entry.parameters:
            options = param.domain.options if isinstance(param.domain, Choice) else ()
            for option in options:
                if formulas(entry, {param.name: option}) not in seen:
                    cases[f"{name} {param.name}={option}"] = (entry, {param.name: option})
                    seen.add(formulas(entry, {param.name: option}))
    for spelling in frameworks.SPELLINGS:
        entry = actplot.get(spelling.qualified)
        if formulas(entry, {}) not in seen:
            cases[spelling.qualified] = (entry, {})
            seen.add(formulas(entry, {}))
    return cases


CASES = formula_cases()


@pytest.mark.parametrize("key", list(CASES))
def test_every_formula_reads_as_its_expected_text(key):
    entry, params = CASES[key]
    assert key in EXPECTED, f"add the plain text of {key}'s formulas to EXPECTED in {__file__}"
    assert tuple(plain(f) for f in formulas(entry, params)) == EXPECTED[key]


def test_no_expected_text_is_left_over():
    assert sorted(set(EXPECTED) - set(CASES)) == []


@pytest.mark.parametrize("case", parameter_cases(), ids=case_id)
def test_every_parameter_value_gives_one_of_the_expected_texts(case):
    """A formula that changes with a parameter's value (not only a choice's) needs its own case."""
    name, params = case
    entry = actplot.get(name)
    if entry.source != "builtin":
        pytest.skip("a plug-in's formulas")
    texts = tuple(plain(f) for f in formulas(entry, params))
    assert texts in {EXPECTED[key] for key in EXPECTED if key.split()[0] == name}, texts


@pytest.mark.parametrize("spelling", frameworks.SPELLINGS, ids=lambda s: s.qualified)
def test_every_framework_name_reads_as_expected(spelling):
    texts = tuple(plain(f) for f in formulas(actplot.get(spelling.qualified), {}))
    own = [key for key in EXPECTED if key == spelling.qualified or key.split()[0] == spelling.entry]
    assert texts in {EXPECTED[key] for key in own}


def test_every_parameter_symbol_reads_as_expected():
    entries = [*registry().values(), *(actplot.get(s.qualified) for s in frameworks.SPELLINGS)]
    symbols = {p.symbol for entry in entries if entry.source == "builtin" for p in entry.parameters if p.symbol}
    assert {symbol: plain(f"${symbol}$") for symbol in symbols} == {s: SYMBOLS[s] for s in symbols}


def test_the_expected_texts_are_plain():
    for texts in [*EXPECTED.values(), SYMBOLS.values()]:
        for text in texts:
            assert not any(c in text for c in "\\${}") and text == text.strip() and "  " not in text, text
            assert text.count("(") == text.count(")") and text.count("[") == text.count("]"), text


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"$\frac{x}{1 + e^{-x}}$", "x/(1 + e^(-x))"),
        (r"$x\,\sigma(\beta x)$", "x σ(β x)"),
        (r"$x\ \mathrm{if}\ x > 0\ \mathrm{else}\ \alpha x$", "x if x > 0 else α x"),
        (r"$2\max(0,\ x)$", "2 max(0, x)"),
        (r"$(1 + \alpha x^2)^{-3/2}$", "(1 + α x^2)^(-3/2)"),
        (r"$\sigma(\beta x)\ \mathrm{if}\ \beta x \leq t\ \mathrm{else}\ 1$", "σ(β x) if β x ≤ t else 1"),
        # Greek letters, never spelled out, never run into a neighbour
        (r"$\gamma x$", "γ x"),
        (r"$\gamma\delta\,\sigma(\delta x)$", "γδ σ(δ x)"),
        (r"$\mu(1 - \alpha)$", "μ(1 - α)"),
        (r"$\omega_0 \cos(\omega_0 x)$", "ω_0 cos(ω_0 x)"),
        (r"$\Gamma(x) + \Omega + \varepsilon\kappa\rho\tau\eta\xi$", "Γ(x) + Ω + εκρτηξ"),
        (r"$e^{-w^2}\gamma\delta$", "e^(-w^2) γδ"),
        # a function's argument in parentheses, a fraction's whole
        (r"$\ln\frac{A}{B}$", "ln(A/B)"),
        (r"$\ln\frac{1 + e^{p x}}{1 + e^{p (x - 1)}}$", "ln((1 + e^(p x))/(1 + e^(p (x - 1))))"),
        (r"$\log\frac{x}{2} + 1$", "log(x/2) + 1"),
        (r"$\exp\frac{a + b}{c}$", "exp((a + b)/c)"),
        (r"$\tanh\frac{x}{2}$", "tanh(x/2)"),
        (r"$\sin\left(\frac{\pi x}{2}\right)$", "sin((π x)/2)"),
        (r"$\tanh x + \tanh^2 u$", "tanh(x) + tanh^2(u)"),
        (r"$\ln\,\sigma(x)$", "ln(σ(x))"),
        (r"$\ln|x|$", "ln(|x|)"),
        (r"$\ln \ln x$", "ln(ln(x))"),
        (r"$\ln{x + 1}$", "ln(x) + 1"),  # as mathtext shows it: braces only group
        # fractions: brackets where the text needs them, none where it does not
        (r"$\frac{(x + 1)^2}{4}$", "(x + 1)^2/4"),
        (r"$\frac{1}{(1 + |x|)^2}$", "1/(1 + |x|)^2"),
        (r"$\frac{2}{\sqrt{\pi}}$", "2/sqrt(π)"),
        (r"$\frac{(x + \beta)^2}{4\beta}$", "(x + β)^2/(4β)"),
        (r"$\frac{x\,\sigma'(x)}{1 + \sigma(x)}$", "(x σ'(x))/(1 + σ(x))"),
        (r"$\frac{\sin x}{x}$", "sin(x)/x"),
        (r"$\frac{1}{\beta}\ln(1 + e^{\beta x})$", "(1/β) ln(1 + e^(β x))"),
        (r"$\frac{a}{b} x$", "(a/b) x"),
        (r"$\frac{1 - \alpha}{2}(\mathrm{erf}(k x) + 1)$", "((1 - α)/2)(erf(k x) + 1)"),
        (r"$x\,\frac{2}{3}$", "x (2/3)"),
        (r"$\mathrm{sign}(x)\,\frac{x^2}{4}\ \mathrm{if}\ |x| \leq 2$", "sign(x) x^2/4 if |x| ≤ 2"),
        (r"$\frac{\sin x}{x}\ \ (1\ \mathrm{at}\ 0)$", "sin(x)/x (1 at 0)"),
        (r"$\frac{x}{2}^2$", "(x/2)^2"),
        # nested fractions
        (r"$\frac{\frac{a}{b}}{\frac{c}{d}}$", "(a/b)/(c/d)"),
        (r"$\frac{1}{1 + \frac{1}{x}}$", "1/(1 + 1/x)"),
        (r"$\frac{\frac{1}{2} + x}{3}$", "(1/2 + x)/3"),
        (r"$e^{-(x - \mu)^2 / 2\sigma^2}$", "e^(-(x - μ)^2 / (2σ^2))"),
        # scripts, roots, words, brackets
        (r"$e^{z_j} + x^{p - 1} + a_{ij} + x^2$", "e^(z_j) + x^(p - 1) + a_ij + x^2"),
        (r"$e^{x}\sigma(x) + e^{x}(1 + x)$", "e^x σ(x) + e^x (1 + x)"),
        (r"$h_k(x)$", "h_k(x)"),
        (r"$\sigma\sqrt{2\pi} + \sqrt[3]{x} + \sqrt[n]{x + 1}$", "σ sqrt(2π) + x^(1/3) + (x + 1)^(1/n)"),
        (r"$\left(\frac{a}{b}\right)^2 \cdot \left|x\right|$", "(a/b)^2 · |x|"),
        (r"$\operatorname{softplus}(x) + \text{clamp}(x)$", "softplus(x) + clamp(x)"),
        (r"$\mathrm{my\_fn}(x)$", "my_fn(x)"),
        (r"$x\ \text{if}\ x > 0;\ 0\ \text{otherwise}$", "x if x > 0; 0 otherwise"),
        (r"$\Phi(x) + x\,\phi(x) = \frac{1}{2}\,(1 + \mathrm{erf}(x/\sqrt{2}))$",
         "Φ(x) + x φ(x) = (1/2) (1 + erf(x/sqrt(2)))"),
        (r"$\sum_j e^{z_j} \leq \infty$", "Σ_j e^(z_j) ≤ ∞"),
        (r"$\foo x$", "foo x"),
    ],
)
def test_plain_text_of_mathtext(tex, text):
    assert plain(tex) == text


@pytest.mark.parametrize("name", sorted(GREEK))
def test_every_greek_letter_is_its_letter(name):
    letter = GREEK[name]
    assert len(letter) == 1 and letter.isalpha() and not letter.isascii()
    assert plain(rf"$\{name} x + 2\{name}\,\{name}$") == f"{letter} x + 2{letter} {letter}"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("f'(x) = 1 if |x| > λ else 0", "f'(x) = 1 if |x| > lambda else 0"),
        ("λα (e^x - 1)", "lambda alpha (e^x - 1)"),
        ("erf(γ ln(1 + e^(δ x)))", "erf(gamma ln(1 + e^(delta x)))"),
        ("2π ≤ ω_0 · ∞", "2 pi <= omega_0 * inf"),
        ("σ(x) + Σ_j a_j", "sigma(x) + sum_j a_j"),
        ("f′(x) ≥ 0 ∋", "f'(x) >= 0 ?"),
    ],
)
def test_ascii_text_spells_out_greek_letters(text, shown):
    assert ascii_text(text) == shown
