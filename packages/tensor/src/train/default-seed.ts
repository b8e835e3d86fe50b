/**
 * The seed every GIRL trainer built on {@link runTrainingLoop} (SFT, the reward model) uses when none is
 * given, so two stages of a run left at their defaults draw from the same seed.
 */
export const DEFAULT_TRAINING_SEED = 1337;
