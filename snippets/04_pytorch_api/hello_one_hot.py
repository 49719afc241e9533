import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

text = "hello"
vocab = sorted(set(text))  # sorted: the same order in every run
idx = torch.tensor([vocab.index(ch) for ch in text])
print("vocabulary:", vocab, " indices:", idx.tolist())

x = F.one_hot(idx, num_classes=len(vocab)).float()  # (L, V) = (5, 4)
print(x)
print("same as torch.eye(V)[idx]:", torch.equal(x, torch.eye(len(vocab))[idx]))

rnn = nn.RNN(input_size=4, hidden_size=2)
with torch.no_grad():
    output, h_n = rnn(x.unsqueeze(1))  # (L, N, H_in) = (5, 1, 4): a batch of one

print("output:", tuple(output.shape), " h_n:", tuple(h_n.shape))
print(output.squeeze(1))
print("h_n is the last step of output:", torch.equal(h_n[0], output[-1]))
