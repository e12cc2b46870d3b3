"""Published CLRS-30 results that `evojax_nas.tasks.clrs.report` compares against.

Triplet-GMPNN single-task out-of-distribution scores: test at n=64, micro-F1 `score` in percent, mean over
10 seeds. Source: Ibarz et al., "A Generalist Neural Algorithmic Learner", LoG 2022 (arXiv 2209.11142),
Table 2. The EvoPrompting paper (Chen, Dohan & So, NeurIPS 2023, arXiv 2302.14838) compares its evolved triplet
functions against these numbers and reports beating Triplet-GMPNN on 21 of the 30 algorithms.
"""

TRIPLET_GMPNN_SOURCE = (
    "Ibarz et al. 2022, A Generalist Neural Algorithmic Learner (LoG 2022, arXiv 2209.11142), Table 2: "
    "single-task Triplet-GMPNN, OOD test at n=64, mean over 10 seeds"
)

TRIPLET_GMPNN_OOD_PERCENT: dict[str, float] = {
    "activity_selector": 95.18,
    "articulation_points": 88.32,
    "bellman_ford": 97.39,
    "bfs": 99.73,
    "binary_search": 77.58,
    "bridges": 93.99,
    "bubble_sort": 67.68,
    "dag_shortest_paths": 98.19,
    "dfs": 47.79,
    "dijkstra": 96.05,
    "find_maximum_subarray_kadane": 76.36,
    "floyd_warshall": 48.52,
    "graham_scan": 93.62,
    "heapsort": 31.04,
    "insertion_sort": 78.14,
    "jarvis_march": 91.01,
    "kmp_matcher": 19.51,
    "lcs_length": 80.51,
    "matrix_chain_order": 91.68,
    "minimum": 97.78,
    "mst_kruskal": 89.80,
    "mst_prim": 86.39,
    "naive_string_matcher": 78.67,
    "optimal_bst": 73.77,
    "quickselect": 0.47,
    "quicksort": 64.64,
    "segments_intersect": 97.64,
    "strongly_connected_components": 43.43,
    "task_scheduling": 87.25,
    "topological_sort": 87.27,
}

TRIPLET_GMPNN_MEAN_PERCENT = 75.98  # as printed in the source; the mean of the table above
EVOPROMPTING_BEST_OF_5_MEAN_PERCENT = 80.88  # EvoPrompting's best-of-5 discovered functions, mean over 30
EVOPROMPTING_WINS = 21  # algorithms (of 30) where EvoPrompting beat Triplet-GMPNN


def parse_algorithms(text: str, known: tuple[str, ...]) -> list[str]:
    """The algorithms named by `--algorithms` ('all' or a comma list); raises ValueError naming unknown ones."""
    if text.strip() == "all":
        return list(known)
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise ValueError(
            f"--algorithms has unknown names {unknown}; choose 'all' or from: {', '.join(known)}"
        )
    return names
