import torch
from torch import nn

torch.manual_seed(0)
L, H_in, H = 100, 16, 32
# float64: gradients of 1e-30 are measured, not lost to rounding.
x = torch.randn(L, 1, H_in, dtype=torch.float64)  # one sequence for all three
distances = [0, 10, 25, 50, 75, 99]  # L - t: steps between x_t and the loss

norms = {}
for cell in (nn.RNN, nn.GRU, nn.LSTM):
    module = cell(H_in, H).double()  # default initialisation
    inputs = x.clone().requires_grad_()
    output, _ = module(inputs)
    loss = output[-1].sum()  # depends on the last hidden state only
    (grad,) = torch.autograd.grad(loss, inputs)
    per_step = grad.norm(dim=(1, 2)).flip(0)  # ||dloss/dx_t||, by distance
    norms[cell.__name__] = per_step[distances]

print("distance " + " ".join(f"{d:>8}" for d in distances))
for name, row in norms.items():
    print(f"{name:8} " + " ".join(f"{value:8.1e}" for value in row))

for name, row in norms.items():  # all three vanish at initialisation...
    assert row[-1] < 1e-10 * row[0], name
for name in ("GRU", "LSTM"):  # ...the gated ones far more slowly
    assert norms[name][-1] > 1000 * norms["RNN"][-1], name
