import torch
from torch.nn.utils.rnn import pack_padded_sequence

padded = torch.zeros(3, 5, 4)  # (N, L, H_in)
lengths = torch.tensor([5, 4, 2])

# No GPU needed to see the rule: "meta" is a device that holds shapes but no data,
# and PyTorch refuses lengths on it exactly as it refuses them on a GPU.
try:
    pack_padded_sequence(padded, lengths.to("meta"), batch_first=True)
except RuntimeError as error:
    print("RuntimeError:", error)

packed = pack_padded_sequence(padded, lengths.cpu(), batch_first=True)
print("with lengths.cpu():", packed.batch_sizes.tolist())
