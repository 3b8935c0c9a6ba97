"""Forms as data: a questionnaire's definition, its built-in templates and the check of one person's answers."""
