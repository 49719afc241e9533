import torch
from torch import nn

torch.manual_seed(0)

vocab = ["h", "e", "l", "o"]
words = ["hello", "eolll", "lleel"]
ids = torch.tensor([[vocab.index(ch) for ch in word] for word in words])
input_data = torch.eye(4)[ids]  # (3, 5, 4), meant as (N, L, H_in)

rnn = nn.RNN(4, 2)  # as in the notes: no batch_first
with torch.no_grad():
    outputs, h_n = rnn(input_data)  # runs without an error

print(outputs)
print(outputs.size())
print("h_n:", h_n.size())
