from collections import Counter

first = "I live to eat".split()
second = "I eat to live".split()

# A bag of words keeps how often each word occurs and forgets where it occurs.
print(sorted(Counter(first).items()))
print(sorted(Counter(second).items()))
print("same bag:", Counter(first) == Counter(second))
print("same sentence:", first == second)
