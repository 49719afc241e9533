import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)

vocab = ["e", "h", "l", "o"]
idx = torch.tensor([vocab.index(ch) for ch in "hello"])

embed = nn.Embedding(len(vocab), embedding_dim=3)  # one learnt row per character
rnn = nn.RNN(input_size=3, hidden_size=2)  # input_size is the embedding size, not V

with torch.no_grad():
    x = embed(idx)  # (5, 3): a lookup of rows of embed.weight
    one_hot_times_w = F.one_hot(idx, len(vocab)).float() @ embed.weight
    output, h_n = rnn(x.unsqueeze(1))

print("embed.weight:", tuple(embed.weight.shape), " embedded:", tuple(x.shape))
print("lookup == one_hot @ weight:", torch.allclose(x, one_hot_times_w, atol=1e-6))
print("output:", tuple(output.shape), " h_n:", tuple(h_n.shape))
