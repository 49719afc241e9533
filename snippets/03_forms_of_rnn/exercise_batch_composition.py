import torch
from torch import nn

torch.manual_seed(0)

V, E, H, C = 10, 8, 16, 3
embed = nn.Embedding(V, E)
rnn = nn.RNN(E, H, batch_first=True)
head = nn.Linear(H, C)


def classify(tokens):  # the many-to-one model: (N, L) word ids -> (N, C) logits
    _, h_n = rnn(embed(tokens))
    return head(h_n[-1])


sentence = torch.randint(V, (1, 7))
others = torch.randint(V, (4, 7))  # four other sentences of the same length
with torch.no_grad():
    alone = classify(sentence)
    first = classify(torch.cat([sentence, others]))[:1]
    last = classify(torch.cat([others, sentence]))[-1:]

print("alone:", alone)
print("first of 5 == alone:", torch.allclose(first, alone, atol=1e-6))
print("last of 5 == alone: ", torch.allclose(last, alone, atol=1e-6))
