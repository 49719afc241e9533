import torch
from torch import nn

torch.manual_seed(0)
vocab = ["h", "e", "l", "o"]
rnn = nn.RNN(input_size=4, hidden_size=2)
W_ih = rnn.weight_ih_l0.detach()  # (H, V) = (2, 4)

x = torch.eye(4)[vocab.index("l")]  # one-hot 'l'
print("x for 'l':       ", x)
print("x W_ih^T:        ", x @ W_ih.T)
print("column 2 of W_ih:", W_ih[:, 2])
print("same:", torch.equal(x @ W_ih.T, W_ih[:, 2]))

# An embedding table whose row k is column k of W_ih: a lookup, no product.
embedding = nn.Embedding.from_pretrained(W_ih.T)
ids = torch.tensor([vocab.index(c) for c in "hello"])
one_hot = torch.eye(4)[ids]  # (5, 4)
same = torch.equal(one_hot @ W_ih.T, embedding(ids))
print("one-hot product equals embedding lookup:", same)
