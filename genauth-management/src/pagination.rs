//! Every item of a paginated list, as one `Stream`: [`pages`].
//!
//! The Management API pages its lists with a page number and a page size (`page`/`limit` in the
//! query, in the body, or in the body's `options.pagination`; a few lists use other names), and
//! answers `{totalCount, list}`. Where the page number goes differs per endpoint, so [`pages`]
//! takes the call to make for one page; every `{totalCount, list}` reply type implements
//! [`Page`] (generated), so any such list streams the same way:
//!
//! ```no_run
//! # extern crate genauth_client as genauth;
//! # async fn demo(client: genauth_management::ManagementClient) -> genauth::Result<()> {
//! use futures_util::TryStreamExt as _;
//! use genauth_management::model::{ListUsersOptionsDto, ListUsersRequestDto, PaginationDto};
//! use genauth_management::{Users, pages};
//!
//! let users: Vec<_> = pages(100, |page, limit| {
//!     client.list_users(ListUsersRequestDto {
//!         options: Some(ListUsersOptionsDto {
//!             pagination: Some(PaginationDto { page: Some(page), limit: Some(limit) }),
//!             ..Default::default()
//!         }),
//!         ..Default::default()
//!     })
//! })
//! .try_collect()
//! .await?;
//! # let _ = users; Ok(()) }
//! ```

use std::collections::VecDeque;
use std::future::Future;

use futures_core::Stream;
use genauth::Result;

/// One page of a paginated list: how many items the whole list has, and this page's items.
pub trait Page {
    /// The list's item type.
    type Item;
    /// `totalCount`: the number of items in the whole list, when the reply says.
    fn total_count(&self) -> Option<u64>;
    /// This page's items.
    fn into_items(self) -> Vec<Self::Item>;
}

/// Every item of a paginated list: `fetch(page, limit)` for page 1, 2, … until the pages have
/// held `totalCount` items, or a page comes back with fewer than `limit` items (the last page
/// of a list whose reply has no total), or empty. One request at a time, only as the stream is
/// read; an error ends the stream after it is yielded.
///
/// A `limit` of 0 is taken as 1.
pub fn pages<P, F, Fut>(limit: i64, fetch: F) -> impl Stream<Item = Result<P::Item>>
where
    P: Page,
    F: FnMut(i64, i64) -> Fut,
    Fut: Future<Output = Result<P>>,
{
    struct State<F, I> {
        fetch: F,
        limit: i64,
        next_page: i64,
        seen: u64,
        buffer: VecDeque<I>,
        done: bool,
    }
    let state = State {
        fetch,
        limit: limit.max(1),
        next_page: 1,
        seen: 0,
        buffer: VecDeque::new(),
        done: false,
    };
    futures_util::stream::unfold(state, |mut s| async move {
        loop {
            if let Some(item) = s.buffer.pop_front() {
                return Some((Ok(item), s));
            }
            if s.done {
                return None;
            }
            match (s.fetch)(s.next_page, s.limit).await {
                Err(e) => {
                    s.done = true;
                    return Some((Err(e), s));
                }
                Ok(page) => {
                    let total = page.total_count();
                    let items = page.into_items();
                    s.seen += items.len() as u64;
                    s.next_page += 1;
                    s.done = items.is_empty()
                        || total.is_some_and(|t| s.seen >= t)
                        || (total.is_none() && (items.len() as i64) < s.limit);
                    s.buffer.extend(items);
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use futures_util::{StreamExt as _, TryStreamExt as _};

    use super::*;

    struct P(Option<u64>, Vec<u32>);
    impl Page for P {
        type Item = u32;
        fn total_count(&self) -> Option<u64> {
            self.0
        }
        fn into_items(self) -> Vec<u32> {
            self.1
        }
    }

    /// A list of `n` items served `limit` at a time, recording the pages asked for.
    fn list(
        n: u32,
        with_total: bool,
        asked: &RefCell<Vec<(i64, i64)>>,
    ) -> impl FnMut(i64, i64) -> std::future::Ready<Result<P>> + '_ {
        move |page, limit| {
            asked.borrow_mut().push((page, limit));
            let start = ((page - 1) * limit) as u32;
            let items = (start..n).take(limit as usize).collect();
            std::future::ready(Ok(P(with_total.then_some(u64::from(n)), items)))
        }
    }

    #[tokio::test]
    async fn stops_at_the_total() {
        let asked = RefCell::new(Vec::new());
        let all: Vec<u32> = pages(100, list(250, true, &asked))
            .try_collect()
            .await
            .unwrap();
        assert_eq!(all, (0..250).collect::<Vec<_>>());
        assert_eq!(*asked.borrow(), [(1, 100), (2, 100), (3, 100)]);
        // An exact multiple: no empty fourth request.
        let asked = RefCell::new(Vec::new());
        let n = pages(50, list(100, true, &asked)).count().await;
        assert_eq!((n, asked.borrow().len()), (100, 2));
    }

    #[tokio::test]
    async fn without_a_total_a_short_or_empty_page_ends_it() {
        let asked = RefCell::new(Vec::new());
        let n = pages(10, list(25, false, &asked)).count().await;
        assert_eq!((n, asked.borrow().len()), (25, 3));
        let asked = RefCell::new(Vec::new());
        let n = pages(10, list(20, false, &asked)).count().await;
        assert_eq!(
            (n, asked.borrow().len()),
            (20, 3),
            "the empty third page ends it"
        );
        let asked = RefCell::new(Vec::new());
        assert_eq!(pages(0, list(3, true, &asked)).count().await, 3);
        assert_eq!(asked.borrow()[0], (1, 1), "limit 0 is taken as 1");
    }

    #[tokio::test]
    async fn an_error_is_yielded_and_ends_the_stream() {
        let mut calls = 0;
        let items: Vec<Result<u32>> = pages(2, |page, _| {
            calls += 1;
            std::future::ready(if page == 1 {
                Ok(P(Some(10), vec![1, 2]))
            } else {
                Err(genauth::Error::Transport("reset".into()))
            })
        })
        .collect()
        .await;
        assert_eq!(items.len(), 3);
        assert!(items[..2].iter().all(Result::is_ok));
        assert!(matches!(items[2], Err(genauth::Error::Transport(_))));
        assert_eq!(calls, 2);
    }
}
