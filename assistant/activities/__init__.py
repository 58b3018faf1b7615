"""The activity register: the rows of the plans' activity tables as records, filters,
storage and exports."""
