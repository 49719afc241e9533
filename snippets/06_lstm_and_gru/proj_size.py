import warnings

import torch
from torch import nn

# oneDNN has no LSTM with projections; PyTorch says so and uses its own kernel.
warnings.filterwarnings("ignore", message="LSTM with projections")
torch.manual_seed(0)
H_in, H, P = 4, 6, 3  # P = proj_size, smaller than H
lstm = nn.LSTM(H_in, H, proj_size=P)
for name, param in lstm.named_parameters():
    print(f"{name:13} {tuple(param.shape)}")

x = torch.randn(5, 2, H_in)  # L = 5, N = 2
with torch.no_grad():
    output, (h_n, c_n) = lstm(x)
print("output", tuple(output.shape), " h_n", tuple(h_n.shape),
      " c_n", tuple(c_n.shape))

# The last step again, by hand: h_t is o * tanh(c_t), projected by W_hr.
with torch.no_grad():
    gates = (x[-1] @ lstm.weight_ih_l0.T + lstm.bias_ih_l0
             + output[-2] @ lstm.weight_hh_l0.T + lstm.bias_hh_l0)
    o = torch.sigmoid(gates.chunk(4, dim=1)[3])  # the output gate: last block
    h_last = (o * torch.tanh(c_n[0])) @ lstm.weight_hr_l0.T
print("h_n == (o * tanh(c_n)) @ W_hr.T:", torch.allclose(h_last, h_n[0], atol=1e-6))

# A "projection" that does not shrink h, and a GRU with one: both refused.
for module, size in [(nn.LSTM, H), (nn.GRU, P)]:
    try:
        module(H_in, H, proj_size=size)
    except ValueError as error:
        print("ValueError:", error)
