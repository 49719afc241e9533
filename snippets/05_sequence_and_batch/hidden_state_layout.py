import torch
from torch import nn

torch.manual_seed(0)

x = torch.randn(3, 5, 4)  # (N, L, H_in): 3 sequences of 5 steps
rnn = nn.RNN(4, 2, batch_first=True)

h_0 = torch.zeros(1, 3, 2)  # (num_layers * D, N, H): batch_first does not apply
with torch.no_grad():
    output, h_n = rnn(x, h_0)
print("output:", tuple(output.shape), " h_n:", tuple(h_n.shape))

try:
    rnn(x, torch.zeros(3, 1, 2))  # a batch-first-shaped h_0 is refused
except RuntimeError as error:
    print("RuntimeError:", error)

# One final state per sequence, as an (N, H) matrix for a classifier head:
print("h_n[-1]:", tuple(h_n[-1].shape),
      " equals output[:, -1]:", torch.allclose(h_n[-1], output[:, -1], atol=1e-6))
