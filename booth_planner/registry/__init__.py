"""The produk unggulan registry: flagship products per kabupaten/kota, kept across events.

``entries`` (the entry, its marks and sources, the one-per-region-and-product rule and merges),
``matching`` (which entry an applicant's product is), ``proposals`` (entries suggested from what
applicants brought), ``coverage`` (which regions show their flagship product), ``files`` (CSV and
Excel out), ``priority`` (the allocation's preference for flagship products). Storage is
``booth_planner.storage.registry``; reading files is ``booth_planner.importing.registry``.
"""
