import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
from torch.nn.utils.rnn import pad_sequence

torch.manual_seed(0)

vocab = ["h", "e", "l", "o"]
words = ["he", "hello", "hole"]
seqs = [torch.eye(4)[[vocab.index(ch) for ch in word]] for word in words]
padded, lengths = pad_sequence(seqs, batch_first=True), torch.tensor([2, 5, 4])

try:  # the default, enforce_sorted=True, wants the longest sequence first
    pack_padded_sequence(padded, lengths, batch_first=True)
except RuntimeError as error:
    print("RuntimeError:", str(error).split(" when ")[0])

packed = pack_padded_sequence(padded, lengths, batch_first=True,
                              enforce_sorted=False)
print("data:", tuple(packed.data.shape), " batch_sizes:", packed.batch_sizes,
      " sorted_indices:", packed.sorted_indices)

rnn = nn.RNN(4, 2, batch_first=True)
with torch.no_grad():
    packed_out, h_n = rnn(packed)
    alone = [rnn(s)[1][0] for s in seqs]  # each word on its own
output, out_lengths = pad_packed_sequence(packed_out, batch_first=True)
print("output:", tuple(output.shape), " lengths:", out_lengths,
      " h_n:", tuple(h_n.shape))
print("h_n equals each word run alone:",
      [torch.allclose(h_n[0, n], alone[n], atol=1e-6) for n in range(3)])
print("padded steps of 'he' in output:", output[0, 2:].tolist())
