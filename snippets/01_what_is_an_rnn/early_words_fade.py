import torch
from torch import nn

torch.manual_seed(0)
# In 64-bit floats (about 16 significant digits), so that tiny changes are measured,
# not lost to rounding.
rnn = nn.RNN(input_size=8, hidden_size=16).double()
float32_gap = 2.0**-24  # between neighbouring float32 numbers from 0.5 to 1: about 6e-8
# Added to a float32 entry from 0.5 to 1, a change below half that gap rounds away.

print("length | change in h_L when only x_1 changes | below half float32's gap?")
for length in (5, 10, 20, 30):
    xs = torch.randn(length, 8, dtype=torch.float64)
    edited = xs.clone()
    edited[0] = torch.randn(8, dtype=torch.float64)  # change the first step only
    with torch.no_grad():
        change = (rnn(xs)[1] - rnn(edited)[1]).abs().max().item()
    print(f"{length:>6} | {change:.1e} | {change < float32_gap / 2}")
