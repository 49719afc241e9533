import torch
from torch import nn

torch.manual_seed(0)
vocab = ["h", "e", "l", "o"]
xs = torch.eye(4)[[vocab.index(c) for c in "hello"]]  # (5, 4)

rnn = nn.RNN(input_size=4, hidden_size=8)  # H = 8, chosen for capacity
per_step = nn.Linear(8, len(vocab))  # a score for each character, at every step
per_sequence = nn.Linear(8, 3)  # e.g. 3 classes, from the final state only

with torch.no_grad():
    output, h_n = rnn(xs)
    print("output:          ", tuple(output.shape))
    print("per-step scores: ", tuple(per_step(output).shape))
    print("sequence scores: ", tuple(per_sequence(h_n[0]).shape))
    print("hidden states within [-1, 1]:", bool(output.abs().max() <= 1))
