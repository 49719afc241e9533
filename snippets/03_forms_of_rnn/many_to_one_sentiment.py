import torch
from torch import nn

torch.manual_seed(0)

V, E, H, C = 10, 8, 16, 3  # vocabulary, embedding, hidden size; 3 classes
embed = nn.Embedding(V, E)
rnn = nn.RNN(E, H, batch_first=True)
head = nn.Linear(H, C)  # the RNN's own outputs have H features, not C

tokens = torch.randint(V, (2, 7))  # N = 2 sentences of L = 7 word ids
with torch.no_grad():
    output, h_n = rnn(embed(tokens))
    logits = head(h_n[-1])  # h_n[-1]: the last layer's state after the last word

print("tokens: ", tuple(tokens.shape))
print("output: ", tuple(output.shape), "(computed, not used)")
print("h_n:    ", tuple(h_n.shape))
print("h_n[-1]:", tuple(h_n[-1].shape))
print("logits: ", tuple(logits.shape))
print("h_n[-1] is the last step of output:", torch.equal(h_n[-1], output[:, -1]))
print("predicted classes:", logits.argmax(dim=1).tolist())
