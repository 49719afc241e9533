import torch
from torch import nn

torch.manual_seed(0)

rnn = nn.RNN(input_size=4, hidden_size=2)  # the cell A: its weights, no data yet
print(rnn)

# The sequence length is not a constructor argument: one module reads any length.
with torch.no_grad():
    for length in (5, 9):
        x = torch.randn(length, 1, 4)  # (L, N, H_in): L steps of a batch of one
        output, h_n = rnn(x)  # runs the loop over all L steps
        print(f"L={length}: input {tuple(x.shape)} ->",
              f"output {tuple(output.shape)}, h_n {tuple(h_n.shape)}")
