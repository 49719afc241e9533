import torch
from torch import nn

torch.manual_seed(0)

seq_first = nn.RNN(4, 2)
batch_first = nn.RNN(4, 2, batch_first=True)
batch_first.load_state_dict(seq_first.state_dict())  # the same weights in both

x = torch.randn(3, 5, 4)  # read as (N, L, H_in): 3 sequences of 5 steps
with torch.no_grad():
    out_b, h_b = batch_first(x)
    out_s, h_s = seq_first(x.transpose(0, 1))  # the same data laid out (L, N, H_in)

print("batch_first=True:  output", tuple(out_b.shape), " h_n", tuple(h_b.shape))
print("batch_first=False: output", tuple(out_s.shape), " h_n", tuple(h_s.shape))
print("same numbers, other layout:",
      torch.allclose(out_b, out_s.transpose(0, 1), atol=1e-6))
print("h_n identical:", torch.allclose(h_b, h_s, atol=1e-6))
