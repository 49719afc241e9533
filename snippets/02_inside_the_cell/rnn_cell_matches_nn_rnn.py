import torch
from torch import nn

torch.manual_seed(0)
rnn = nn.RNN(input_size=3, hidden_size=4)
cell = nn.RNNCell(input_size=3, hidden_size=4)
x = torch.randn(5, 2, 3)  # L = 5 steps, N = 2 sequences

with torch.no_grad():
    # Same tensors, same shapes; only the layer suffix "_l0" is missing.
    for name, param in cell.named_parameters():
        param.copy_(getattr(rnn, name + "_l0"))

    output, h_n = rnn(x)
    h = torch.zeros(2, 4)
    states = []
    for x_t in x:  # iterating over dim 0 of x walks through time
        h = cell(x_t, h)
        states.append(h)

print("cell parameters:", [name for name, _ in cell.named_parameters()])
by_cell = torch.stack(states)
print("RNNCell loop equals output:", torch.allclose(by_cell, output, atol=1e-6))
