"""Qt table models over the store's typed queries; tested headless, without widgets."""
