from torch import nn

vocab_size, hidden_size = 1000, 64


def count(module):
    return sum(p.numel() for p in module.parameters())


print(f"{'length':>6} | {'window network':>14} | {'RNN':>7}")
for length in (5, 50, 500):
    # One weight per (position, word, hidden unit): the window network grows with length.
    window = nn.Linear(length * vocab_size, hidden_size)
    rnn = nn.RNN(vocab_size, hidden_size)  # no length anywhere: one cell, reused
    print(f"{length:>6} | {count(window):>14,} | {count(rnn):>7,}")
