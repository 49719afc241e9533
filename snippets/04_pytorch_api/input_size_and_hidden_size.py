import torch
from torch import nn

torch.manual_seed(0)

rnn = nn.RNN(input_size=4, hidden_size=3)
for name, param in rnn.named_parameters():
    print(f"{name:13} {tuple(param.shape)}")

with torch.no_grad():
    output, h_n = rnn(torch.randn(5, 1, 4))
    print("output:", tuple(output.shape), " h_n:", tuple(h_n.shape))
    try:
        rnn(torch.randn(5, 1, 3))  # 3 features where the weights expect 4
    except RuntimeError as error:
        print("RuntimeError:", error)
