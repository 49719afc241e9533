import torch
from torch import nn

torch.manual_seed(0)

vocab = ["I", "eat", "live", "to"]
sentence = "I live to eat".split()
xs = torch.eye(len(vocab))[[vocab.index(word) for word in sentence]]

cell = nn.RNNCell(input_size=4, hidden_size=3)  # the cell A: one set of weights
h = torch.zeros(3)  # h_0: nothing has been read yet

with torch.no_grad():
    for t, (word, x_t) in enumerate(zip(sentence, xs), start=1):
        h = cell(x_t, h)  # the same cell, the same weights, at every step
        print(f"t={t} read {word!r:6} h_{t} = {h}")

print("parameters:", [name for name, _ in cell.named_parameters()])
