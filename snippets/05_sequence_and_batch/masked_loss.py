import torch
from torch import nn
from torch.nn import functional as F
from torch.nn.utils.rnn import pad_sequence

torch.manual_seed(0)

vocab = ["h", "e", "l", "o"]
words = ["he", "hello", "hole"]  # predict each next letter: "hell" -> "ello"
ids = [torch.tensor([vocab.index(ch) for ch in word]) for word in words]
inputs = pad_sequence([torch.eye(4)[i[:-1]] for i in ids], batch_first=True)
targets = pad_sequence([i[1:] for i in ids], batch_first=True)  # pads: class 0
lengths = torch.tensor([len(word) - 1 for word in words])  # 1, 4, 3 real steps

rnn, head = nn.RNN(4, 8, batch_first=True), nn.Linear(8, 4)
with torch.no_grad():
    logits = head(rnn(inputs)[0]).transpose(1, 2)  # (N, C, L) for cross_entropy
    step_loss = F.cross_entropy(logits, targets, reduction="none")  # (N, L)
    mask = torch.arange(inputs.shape[1]) < lengths[:, None]  # (N, L), True = real
    masked_mean = (step_loss * mask).sum() / mask.sum()
    ignored = F.cross_entropy(logits, targets.masked_fill(~mask, -100))
    alone = torch.cat([F.cross_entropy(head(rnn(torch.eye(4)[i[:-1]])[0]), i[1:],
                                       reduction="none") for i in ids]).mean()

print("mask:", mask.int().tolist())
print(f"mean over all padded steps: {step_loss.mean():.4f}")
print(f"masked mean:                {masked_mean:.4f}")
print("same as ignore_index=-100:", torch.allclose(masked_mean, ignored, atol=1e-6))
print("equals the words run alone:", torch.allclose(masked_mean, alone, atol=1e-6))
