"""The core layer: what an activation is and how it is sampled, with no catalog and no drawing.

The entry model (:mod:`.schema`), errors and their two wordings (:mod:`.errors`), honest
sampling (:mod:`.sampling`), curves and their one spec syntax (:mod:`.curves`), pure settings
(:mod:`.settings`), sampled data (:mod:`.samples`), differences of two curves
(:mod:`.difference`), plain text of formulas (:mod:`.formula`), safe files (:mod:`.files`) and
matplotlib's notices (:mod:`.notices`). Modules here import only each other, numpy and the
standard library (scipy where a special function or a root is needed).
"""
