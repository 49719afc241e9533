import torch
from torch import nn

torch.manual_seed(0)
H_in, H = 4, 8
rnn = nn.RNN(H_in, H)

formula = H * H_in + H * H + 2 * H  # W_ih, W_hh, b_ih, b_hh
print("H*H_in + H*H + 2H =", formula)
print("parameters counted:", sum(p.numel() for p in rnn.parameters()))

# Nothing in the module depends on L: the same four tensors serve any length.
for L in (3, 30):
    with torch.no_grad():
        output, h_n = rnn(torch.randn(L, H_in))
    print(f"L={L:2}: output {tuple(output.shape)}, h_n {tuple(h_n.shape)}")
