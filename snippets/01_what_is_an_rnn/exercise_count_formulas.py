from torch import nn

length, vocab_size, hidden_size = 20, 1000, 64


def count(module):
    return sum(p.numel() for p in module.parameters())


window = nn.Linear(length * vocab_size, hidden_size)
rnn = nn.RNN(vocab_size, hidden_size)

# Window: a weight per (position, word, unit) plus a bias per unit.
print(count(window), length * vocab_size * hidden_size + hidden_size)
# RNN: input weights, recurrent weights and two bias vectors; no length anywhere.
print(count(rnn), hidden_size * vocab_size + hidden_size * hidden_size + 2 * hidden_size)
