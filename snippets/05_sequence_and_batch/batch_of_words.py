import torch

vocab = ["h", "e", "l", "o"]  # the notes' order: h = [1, 0, 0, 0], ...
words = ["hello", "eolll", "lleel"]

# Row k of the identity matrix is the one-hot vector of letter k.
ids = torch.tensor([[vocab.index(ch) for ch in word] for word in words])
x = torch.eye(len(vocab))[ids]
print("x.shape:", x.shape, "= (N words, L letters, H_in features)")
print("x[0], the word 'hello':")
print(x[0])


def decode(seq):  # (L, H_in) one-hot rows -> string
    return "".join(vocab[i] for i in seq.argmax(dim=-1).tolist())


print("decoded back:", [decode(x[n]) for n in range(x.shape[0])])
