import torch

vocab = ["h", "e", "l", "o"]
words = ["hello", "eolll", "lleel"]
ids = torch.tensor([[vocab.index(ch) for ch in word] for word in words])
x = torch.eye(4)[ids]  # (N, L, H_in)


def columns(time_major):  # what a default nn.RNN reads from (L, N, H_in)
    letters = time_major.argmax(-1)
    return ["".join(vocab[i] for i in col.tolist()) for col in letters.T]


print("x.transpose(0, 1): ", columns(x.transpose(0, 1)))
print("x.view(5, 3, 4):   ", columns(x.view(5, 3, 4)))
print("x.reshape(5, 3, 4):", columns(x.reshape(5, 3, 4)))
print("same shape:", x.view(5, 3, 4).shape == x.transpose(0, 1).shape,
      " same tensor:", torch.equal(x.view(5, 3, 4), x.transpose(0, 1)))
