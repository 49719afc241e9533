import torch
from torch import nn

torch.manual_seed(0)
rnn = nn.RNN(input_size=2, hidden_size=2)  # random weights, overwritten below

# Autograd refuses in-place writes into parameters unless it is switched off.
with torch.no_grad():
    rnn.weight_ih_l0.copy_(torch.tensor([[0.5, -1.0], [1.0, 0.0]]))
    rnn.weight_hh_l0.copy_(torch.tensor([[0.0, 0.5], [-1.0, 0.0]]))
    rnn.bias_ih_l0.copy_(torch.tensor([0.5, 0.0]))
    rnn.bias_hh_l0.copy_(torch.tensor([0.0, -0.5]))

    xs = torch.tensor([[1.0, 0.0], [0.0, 1.0]])  # x_1, x_2: 2 steps, no batch
    output, h_n = rnn(xs)

print("output (h_1, h_2):")
print(output)
# The table's last row, rounded to 4 decimals as in the table.
by_hand = torch.tensor([[0.7616, 0.4621], [-0.2626, -0.8515]])
print("matches the table:", torch.allclose(output, by_hand, atol=1e-4))
print("h_n is h_2:", torch.equal(h_n[0], output[1]))
