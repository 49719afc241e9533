from torch import nn

rnn = nn.RNN(input_size=4, hidden_size=3, num_layers=2, bidirectional=True)

print(f"{'name':22} shape")
for name, param in rnn.named_parameters():
    print(f"{name:22} {tuple(param.shape)}")
print("tensors:", len(list(rnn.parameters())),
      " numbers:", sum(param.numel() for param in rnn.parameters()))
