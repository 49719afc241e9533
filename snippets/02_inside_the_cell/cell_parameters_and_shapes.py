import torch
from torch import nn

torch.manual_seed(0)
rnn = nn.RNN(input_size=3, hidden_size=4)  # H_in = 3, H = 4

# Four tensors: two weight matrices and two bias vectors.
for name, param in rnn.named_parameters():
    print(f"{name:13} {tuple(param.shape)}")

print("nonlinearity:", rnn.nonlinearity)  # the default
print("with ReLU:   ", nn.RNN(3, 4, nonlinearity="relu").nonlinearity)
