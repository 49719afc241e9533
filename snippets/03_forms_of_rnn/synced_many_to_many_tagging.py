import torch
from torch import nn

torch.manual_seed(0)

V, E, H, TAGS = 10, 8, 16, 5  # vocabulary, embedding, hidden size; 5 word tags
embed = nn.Embedding(V, E)
rnn = nn.RNN(E, H, batch_first=True)
head = nn.Linear(H, TAGS)

tokens = torch.randint(V, (2, 7))  # N = 2 sentences of L = 7 word ids
with torch.no_grad():
    output, h_n = rnn(embed(tokens))
    logits = head(output)  # nn.Linear acts on the last dimension: all steps at once
    step_by_step = torch.stack([head(output[:, t]) for t in range(7)], dim=1)

print("tokens:", tuple(tokens.shape))
print("output:", tuple(output.shape))
print("logits:", tuple(logits.shape))
print("same as one Linear call per step:",
      torch.allclose(logits, step_by_step, atol=1e-6))
print("tags for sentence 1:", logits[0].argmax(dim=1).tolist())
