import torch
from torch import nn

torch.manual_seed(0)

with_bias = nn.RNN(4, 3)
without = nn.RNN(4, 3, bias=False)
print("bias=True: ", [name for name, _ in with_bias.named_parameters()])
print("bias=False:", [name for name, _ in without.named_parameters()])

# An all-zero input from h_0 = 0: without biases nothing can move the state off 0.
zeros = torch.zeros(4, 1, 4)
with torch.no_grad():
    print("with biases:   ", with_bias(zeros)[0].squeeze(1)[-1])
    print("without biases:", without(zeros)[0].squeeze(1)[-1])
