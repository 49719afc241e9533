import torch
from torch import nn

torch.manual_seed(0)

V, E, H, C = 10, 8, 16, 3
embed = nn.Embedding(V, E)
rnn = nn.RNN(E, H, batch_first=True)
head = nn.Linear(H, C)

tokens = torch.randint(V, (2, 7))
with torch.no_grad():
    output, h_n = rnn(embed(tokens))
    many_to_one = head(h_n[-1])  # one prediction per sentence
    synced = head(output)  # the only change: one prediction per step

print("many-to-one:", tuple(many_to_one.shape))
print("synced:     ", tuple(synced.shape))
print("last step of synced == many-to-one:",
      torch.allclose(synced[:, -1], many_to_one, atol=1e-6))
