from itertools import permutations

import torch
from torch import nn

torch.manual_seed(0)

vocab = ["I", "eat", "live", "to"]
rnn = nn.RNN(input_size=4, hidden_size=3)

finals = []
with torch.no_grad():
    for order in permutations(vocab):
        xs = torch.eye(4)[[vocab.index(word) for word in order]]
        _, h_n = rnn(xs)
        finals.append(h_n)

distinct = {tuple(h.flatten().tolist()) for h in finals}
print(len(finals), "orders,", len(distinct), "different final states")
