from collections import Counter

import torch
from torch import nn

torch.manual_seed(0)

# 소수(素數, prime number)와 수소(水素, hydrogen): 같은 두 음절, 다른 순서, 다른 뜻
first, second = list("소수"), list("수소")
vocab = sorted(set(first))  # 정렬해 두면 실행할 때마다 같은 순서입니다
print("syllables:", first, second)
print("same bag:", Counter(first) == Counter(second))


def one_hot(syllables):
    return torch.eye(len(vocab))[[vocab.index(syllable) for syllable in syllables]]


rnn = nn.RNN(input_size=len(vocab), hidden_size=3)  # 학습 전: 무작위 가중치

with torch.no_grad():
    _, h_first = rnn(one_hot(first))  # 음절 2개를 앞에서부터 하나씩 읽습니다
    _, h_second = rnn(one_hot(second))

print("final state, 소수:", " ".join(f"{value:+.1f}" for value in h_first.flatten().tolist()))
print("final state, 수소:", " ".join(f"{value:+.1f}" for value in h_second.flatten().tolist()))
print("same final state:", torch.allclose(h_first, h_second, atol=1e-6))
