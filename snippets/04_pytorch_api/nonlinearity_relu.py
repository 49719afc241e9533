import torch
from torch import nn

torch.manual_seed(0)
x = 3 * torch.randn(6, 1, 4)  # large inputs, to push the cell far from 0

for nonlinearity in ["tanh", "relu"]:
    torch.manual_seed(1)  # the same weights for both
    rnn = nn.RNN(4, 3, nonlinearity=nonlinearity)
    with torch.no_grad():
        output, _ = rnn(x)
        # Step 1 by hand: from h_0 = 0, only the input and the biases count.
        pre = x[0] @ rnn.weight_ih_l0.T + rnn.bias_ih_l0 + rnn.bias_hh_l0
        by_hand = torch.tanh(pre) if nonlinearity == "tanh" else torch.relu(pre)
    print(f"{nonlinearity}: outputs in [{output.min():.4f}, {output.max():.4f}],",
          "h_1 by hand matches:", torch.allclose(output[0], by_hand, atol=1e-6))

try:
    nn.RNN(4, 3, nonlinearity="sigmoid")
except ValueError as error:
    print("ValueError:", error)
