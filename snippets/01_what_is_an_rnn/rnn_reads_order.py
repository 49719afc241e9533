import torch
from torch import nn

torch.manual_seed(0)

first = "I live to eat".split()
second = "I eat to live".split()
vocab = sorted(set(first))  # sorted: a set's order can change from one run to the next
print("vocabulary:", vocab)


def one_hot(words):
    return torch.eye(len(vocab))[[vocab.index(word) for word in words]]


rnn = nn.RNN(input_size=len(vocab), hidden_size=3)  # untrained: random weights

with torch.no_grad():
    _, h_first = rnn(one_hot(first))  # input (4 steps, 4 features): one sentence, no batch
    _, h_second = rnn(one_hot(second))

print("final state, 'I live to eat':", h_first)
print("final state, 'I eat to live':", h_second)
print("same final state:", torch.allclose(h_first, h_second, atol=1e-6))
