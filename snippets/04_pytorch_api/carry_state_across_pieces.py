import torch
from torch import nn

torch.manual_seed(0)
rnn = nn.RNN(input_size=1, hidden_size=4, batch_first=True)
head = nn.Linear(4, 1)
optimizer = torch.optim.SGD([*rnn.parameters(), *head.parameters()], lr=0.01)
series = torch.randn(1, 20, 1)  # one long sequence, trained on in pieces of 5 steps
pieces = series.split(5, dim=1)


def train(detach, retain_graph=False):
    h = None  # zeros for the first piece
    for piece in pieces:
        output, h = rnn(piece, h)  # the h_n of one piece is the h_0 of the next
        loss = head(output[:, :-1]).sub(piece[:, 1:]).pow(2).mean()
        optimizer.zero_grad()
        loss.backward(retain_graph=retain_graph)
        optimizer.step()
        if detach:
            h = h.detach()  # keep the values, cut the graph behind them
    return len(pieces)


try:
    train(detach=False)
except RuntimeError as error:
    print("without detach:", str(error).split(" (")[0])
try:
    train(detach=False, retain_graph=True)
except RuntimeError as error:
    print("retain_graph=True:", str(error).split(":")[0])
print("with detach: trained on", train(detach=True), "pieces")
