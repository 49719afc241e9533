import torch
from torch import nn

torch.manual_seed(0)

vocab = ["I", "eat", "live", "to"]
MAX_LEN = 4  # positions get one-hot slots too, so their number is fixed in advance


def words_with_positions(sentence):
    """Each word's one-hot vector with its position's one-hot vector appended."""
    words = [vocab.index(word) for word in sentence.split()]
    positions = range(len(words))
    return torch.cat([torch.eye(len(vocab))[words], torch.eye(MAX_LEN)[positions]], 1)


# One small network reads every (word, position) vector; its outputs are summed, so the
# result would be the same for any order if the positions were not there.
net = nn.Sequential(nn.Linear(len(vocab) + MAX_LEN, 3), nn.Tanh())

with torch.no_grad():
    first = net(words_with_positions("I live to eat")).sum(0)
    second = net(words_with_positions("I eat to live")).sum(0)
    print("same output for both orders:", torch.allclose(first, second, atol=1e-6))
    try:
        net(words_with_positions("I eat to live to eat"))
    except IndexError as error:
        print("six words:", error)
