import numpy as np
import torch

ids = np.array([1, 0, 2, 2, 3], dtype=np.int64)  # integer indices of "hello"

# The legacy constructor converts everything to float32, silently.
print("torch.Tensor(ids).dtype:    ", torch.Tensor(ids).dtype)
print("torch.tensor(ids).dtype:    ", torch.tensor(ids).dtype)
print("torch.from_numpy(ids).dtype:", torch.from_numpy(ids).dtype)

# And one integer means a size to torch.Tensor, a value to torch.tensor.
print("torch.Tensor(5).shape:", tuple(torch.Tensor(5).shape), "(uninitialised)")
print("torch.tensor(5).shape:", tuple(torch.tensor(5).shape), " (the number 5)")

# from_numpy shares memory with the array; torch.tensor copies it.
one_hot = np.eye(4, dtype=np.float32)
shared, copied = torch.from_numpy(one_hot), torch.tensor(one_hot)
one_hot[0, 0] = 7.0
print("after changing the array: shared", shared[0, 0].item(),
      " copied", copied[0, 0].item())
