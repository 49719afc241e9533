import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence

torch.manual_seed(0)

vocab = ["h", "e", "l", "o"]
words = ["he", "hello", "hole"]
seqs = [torch.eye(4)[[vocab.index(ch) for ch in word]] for word in words]
padded, lengths = pad_sequence(seqs, batch_first=True), torch.tensor([2, 5, 4])

rnn = nn.RNN(4, 2, batch_first=True)
with torch.no_grad():
    output, _ = rnn(padded)  # plain padded run: its h_n is wrong for short words
    packed = pack_padded_sequence(padded, lengths, batch_first=True,
                                  enforce_sorted=False)
    _, h_n = rnn(packed)  # the right final states

# Row n, step lengths[n] - 1: the output after each word's last real letter.
last = output[torch.arange(len(words)), lengths - 1]
print("indexing:", tuple(last.shape), torch.allclose(last, h_n[0], atol=1e-6))

index = (lengths - 1).view(-1, 1, 1).expand(-1, 1, output.shape[2])  # (N, 1, H)
gathered = output.gather(1, index).squeeze(1)
print("gather:  ", tuple(gathered.shape), torch.allclose(gathered, h_n[0], atol=1e-6))
