import torch
from torch.nn.utils.rnn import pad_sequence

vocab = ["h", "e", "l", "o"]
words = ["he", "hello", "hole"]  # three lengths, in no particular order
seqs = [torch.eye(4)[[vocab.index(ch) for ch in word]] for word in words]
print("shapes:", [tuple(s.shape) for s in seqs])

padded = pad_sequence(seqs, batch_first=True)  # zeros after each short word
lengths = torch.tensor([len(word) for word in words])
print("padded:", tuple(padded.shape), " lengths:", lengths)


def decode(seq):  # an all-zero row is padding, shown as "_"
    return "".join(vocab[row.argmax()] if row.any() else "_" for row in seq)


print("rows:", [decode(padded[n]) for n in range(len(words))])
