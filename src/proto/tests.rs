use super::*;
use crate::model::{Classification, Kind, Role};

fn user() -> User {
    User {
        login: "wangli".into(),
        uid: 1001,
        display: "王麗".into(),
        unit: "秘書科".into(),
        role: Role::Clerk,
        clearance: Classification::Internal,
        disabled: false,
    }
}

fn item(i: u64) -> Item {
    let mut it = Item::new(Kind::Inbox, format!("第{i}號來文"), "wangli", 1_700_000_000);
    it.id = i;
    it
}

fn body(frame: &[u8]) -> &[u8] {
    let n = u32::from_be_bytes(frame[..4].try_into().unwrap()) as usize;
    assert_eq!(frame.len(), 4 + n);
    &frame[4..]
}

#[test]
fn handshake_round_trips() {
    let h = Hello::ours();
    let f = encode(&h).unwrap();
    assert_eq!(decode::<Hello>(body(&f)).unwrap(), h);
    let r = HelloReply {
        protocol: PROTOCOL_VERSION,
        version: "0.1.0".into(),
        answer: Answer::Welcome(Welcome {
            user: user(),
            pid: 42,
            data: "/srv/shuniu".into(),
        }),
    };
    let f = encode(&r).unwrap();
    assert_eq!(decode::<HelloReply>(body(&f)).unwrap(), r);
}

#[test]
fn the_frozen_handshake_prefix_decodes_from_any_future_hello() {
    // A future client may add fields or change everything after the first two.
    let future = (
        PROTOCOL_VERSION + 7,
        "9.9.9".to_string(),
        vec![1u8, 2, 3],
        "x",
    );
    let f = encode(&future).unwrap();
    let (p, v): (u32, String) = decode_prefix(body(&f)).unwrap();
    assert_eq!((p, v.as_str()), (PROTOCOL_VERSION + 7, "9.9.9"));
    assert!(decode::<Hello>(body(&f)).is_err());
}

#[test]
fn every_request_and_response_round_trips() {
    let reqs = vec![
        Request::WhoAmI,
        Request::Today,
        Request::List(Filter {
            kind: Some(Kind::Supervision),
            overdue: true,
            limit: Some(3),
            ..Filter::default()
        }),
        Request::Get(7),
        Request::GetByCode("收2026-0012".into()),
        Request::Apply(Command::Note {
            id: 7,
            version: 2,
            text: "已催辦".into(),
        }),
        Request::CreateMany(vec![item(1), item(2)]),
        Request::Search {
            query: "xsaq".into(),
            limit: 20,
        },
        Request::SearchKinds {
            query: "校舍".into(),
            kinds: vec![Kind::Incoming, Kind::Outgoing],
            limit: 300,
        },
        Request::Subscribe,
        Request::Audit(AuditFilter {
            user: Some("wangli".into()),
            item: None,
            since: NaiveDate::from_ymd_opt(2026, 11, 1),
        }),
        Request::Backup("/srv/backup/x".into()),
        Request::Ping,
    ];
    for (i, r) in reqs.into_iter().enumerate() {
        let f = encode(&ClientFrame::Call {
            id: i as u64,
            last: true,
            req: r.clone(),
        })
        .unwrap();
        match decode::<ClientFrame>(body(&f)).unwrap() {
            ClientFrame::Call { id, last, req } => {
                assert_eq!((id, last, req), (i as u64, true, r));
            }
        }
    }
    let conflict = ServiceError::Conflict {
        id: 9,
        read: 3,
        version: 4,
        by: "lisi".into(),
        when: "2026-11-25 10:00".into(),
        changed: vec![crate::core::ChangedField {
            field: "handler".into(),
            by: "lisi".into(),
            when: "2026-11-25 10:00".into(),
        }],
    };
    let replies: Vec<Result<Response, ServiceError>> = vec![
        Ok(Response::Items(vec![item(1)])),
        Ok(Response::Today(
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        )),
        Ok(Response::Check(WireCheck {
            records: 3,
            items: 1,
            problems: vec!["x".into()],
        })),
        Err(conflict.clone()),
        Err(ServiceError::NotFound(crate::core::Missing::Item(5))),
        // Denials and failures cross typed too (protocol 6).
        Err(ServiceError::Denied(crate::core::Denial::NeedsRole {
            what: crate::core::Guarded::Directory,
            roles: vec![crate::model::Role::Admin],
        })),
        Err(ServiceError::Store(crate::core::Failure::Lost {
            socket: "/run/shuniu.sock".into(),
            why: crate::core::Cut::Other("Broken pipe (os error 32)".into()),
        })),
        // Refusals cross typed, so the workbench can say them in 繁體.
        Err(ServiceError::invalid(
            "deadline",
            crate::model::Problem::NotADate {
                got: "下下週".into(),
                reason: Some(crate::model::DateReason::TooFar { max: 3660 }),
            },
        )),
        Err(crate::model::RuleError::refused(
            "簽發",
            crate::model::Reason::GatesPending {
                gates: crate::model::Gate::ALL.to_vec(),
            },
        )
        .into()),
        Err(crate::model::RuleError::Missing {
            action: "交辦",
            what: crate::model::Lack::Deadline,
        }
        .into()),
        // The format check's findings cross typed too (protocol 6).
        Err(crate::model::RuleError::refused(
            "簽發",
            crate::model::Reason::Format {
                findings: vec![
                    crate::model::format::FormatProblem::SignDateBeforeDraft {
                        date: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
                        drafted: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
                    },
                    crate::model::format::FormatProblem::Prefix,
                ],
            },
        )
        .into()),
    ];
    for r in replies {
        let f = encode(&ServerFrame::Reply {
            id: 1,
            last: true,
            result: r.clone(),
        })
        .unwrap();
        assert_eq!(
            decode::<ServerFrame>(body(&f)).unwrap(),
            ServerFrame::Reply {
                id: 1,
                last: true,
                result: r
            }
        );
    }
    let ev = ServerFrame::Event(Event::Changed(Box::new(item(3))));
    assert_eq!(
        decode::<ServerFrame>(body(&encode(&ev).unwrap())).unwrap(),
        ev
    );
}

#[test]
fn hand_built_heads_match_the_derived_encoding() {
    let req = Request::GetByCode("件2026-0001".into());
    let f = call_frames(77, req.clone()).unwrap();
    assert_eq!(f.len(), 1);
    let derived = encode(&ClientFrame::Call {
        id: 77,
        last: true,
        req,
    })
    .unwrap();
    assert_eq!(f[0], derived);

    let resp = Response::Ids(vec![1, 2, 3]);
    let f = reply_frames(u64::MAX, Ok(resp.clone())).unwrap();
    let derived = encode(&ServerFrame::Reply {
        id: u64::MAX,
        last: true,
        result: Ok(resp),
    })
    .unwrap();
    assert_eq!(f, vec![derived]);
}

#[test]
fn a_long_list_of_small_records_decodes_within_the_limit() {
    // 120,000 small items encode to more than a frame, and decoding a full
    // frame of them would claim several times that (the in-memory size of
    // an item): `shuniu export` of a 100k store failed so over the daemon.
    let many: Vec<Item> = (0..120_000).map(item).collect();
    let frames = reply_frames(9, Ok(Response::Items(many.clone()))).unwrap();
    assert!(frames.len() > 1, "{} frames", frames.len());
    let mut acc: Option<Response> = None;
    for f in &frames {
        assert!(f.len() <= PART_BYTES + 4 + 64, "{} bytes", f.len());
        let ServerFrame::Reply { result, .. } = decode::<ServerFrame>(body(f)).unwrap() else {
            panic!("a reply")
        };
        match &mut acc {
            None => acc = Some(result.unwrap()),
            Some(a) => assert!(a.append(result.unwrap())),
        }
    }
    assert_eq!(acc, Some(Response::Items(many)));
}

#[test]
fn big_messages_go_in_parts_and_come_back_whole() {
    // ~40 MB of items: more than two frames' worth.
    let big: Vec<Item> = (0..2000)
        .map(|i| {
            let mut it = item(i);
            it.body = "長".repeat(6000);
            it
        })
        .collect();
    let frames = reply_frames(5, Ok(Response::Items(big.clone()))).unwrap();
    assert!(frames.len() >= 3, "{} frames", frames.len());
    let mut acc: Option<Response> = None;
    for (i, f) in frames.iter().enumerate() {
        assert!(f.len() <= MAX_FRAME + 4);
        match decode::<ServerFrame>(body(f)).unwrap() {
            ServerFrame::Reply { id, last, result } => {
                assert_eq!(id, 5);
                assert_eq!(last, i == frames.len() - 1);
                let part = result.unwrap();
                match &mut acc {
                    None => acc = Some(part),
                    Some(a) => assert!(a.append(part)),
                }
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(acc, Some(Response::Items(big.clone())));

    let frames = call_frames(6, Request::CreateMany(big.clone())).unwrap();
    assert!(frames.len() >= 3);
    let mut acc: Option<Request> = None;
    for f in &frames {
        let ClientFrame::Call { req, .. } = decode::<ClientFrame>(body(f)).unwrap();
        match &mut acc {
            None => acc = Some(req),
            Some(a) => assert!(a.append(req)),
        }
    }
    assert_eq!(acc, Some(Request::CreateMany(big)));

    // One piece that cannot be split is refused, not sent.
    let mut huge = item(1);
    huge.body = "x".repeat(MAX_FRAME + 1);
    assert!(matches!(
        call_frames(
            1,
            Request::Apply(Command::Create {
                item: Box::new(huge)
            })
        ),
        Err(ProtoError::TooLarge(_))
    ));
}

#[test]
fn bad_frames_are_refused() {
    // Oversized length prefix: refused before allocating.
    let mut r: &[u8] = &[0xff, 0xff, 0xff, 0xff, 1, 2, 3];
    assert!(matches!(read_frame(&mut r), Err(ProtoError::TooLarge(_))));
    // Truncated header and body.
    let mut r: &[u8] = &[0, 0];
    assert!(matches!(
        read_frame(&mut r),
        Err(ProtoError::Truncated { .. })
    ));
    let mut r: &[u8] = &[0, 0, 0, 10, 1, 2];
    assert!(matches!(
        read_frame(&mut r),
        Err(ProtoError::Truncated {
            expected: 14,
            got: 6
        })
    ));
    // Clean end between frames.
    let mut r: &[u8] = &[];
    assert!(matches!(read_frame(&mut r), Err(ProtoError::Closed)));
    // Trailing bytes after a valid message.
    let mut b = encode(&Hello::ours()).unwrap()[4..].to_vec();
    b.push(0);
    assert!(matches!(decode::<Hello>(&b), Err(ProtoError::Malformed(_))));
    // Garbage and an unknown variant.
    assert!(decode::<ClientFrame>(&[0xfe, 0xfd]).is_err());
    assert!(decode::<ClientFrame>(&[9]).is_err());
    // A list claiming 2^60 elements does not allocate them.
    let mut b = vec![0u8, 1, 1, 7]; // Call, id 1, last, CreateMany
    b.push(0xff);
    b.extend_from_slice(&(1u64 << 60).to_le_bytes());
    assert!(decode::<ClientFrame>(&b).is_err());
}

#[test]
fn the_queue_requests_replies_and_the_notice_event_round_trip() {
    use crate::core::QueueEntry;
    use crate::model::queue::{Landing, Notice, Queue, Why};
    let notice = Notice {
        id: 9,
        to: "li".into(),
        item: 3,
        code: "事2026-0003".into(),
        title: "安排會場".into(),
        classification: crate::model::Classification::Internal,
        what: Landing::Instructed,
        action: "批辦".into(),
        note: "請抓緊辦理".into(),
        by: "zhao".into(),
        at: 1_700_000_000,
        read: false,
    };
    for req in [
        Request::Queue(Queue::ToRead),
        Request::Notices { unread_only: true },
        Request::MarkRead(vec![1, 9]),
    ] {
        let f = encode(&ClientFrame::Call {
            id: 5,
            last: true,
            req: req.clone(),
        })
        .unwrap();
        assert_eq!(
            decode::<ClientFrame>(body(&f)).unwrap(),
            ClientFrame::Call {
                id: 5,
                last: true,
                req
            }
        );
    }
    let entry = QueueEntry {
        queue: Queue::Todo,
        why: Some(Why::LeadUnit),
        row: crate::core::Row::of(&item(3)),
    };
    for r in [
        Response::Queue(vec![entry.clone(), entry]),
        Response::Notices(vec![notice.clone()]),
    ] {
        let f = reply_frames(2, Ok(r.clone())).unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!(
            decode::<ServerFrame>(body(&f[0])).unwrap(),
            ServerFrame::Reply {
                id: 2,
                last: true,
                result: Ok(r)
            }
        );
    }
    let ev = ServerFrame::Event(Event::Notice(Box::new(notice)));
    assert_eq!(
        decode::<ServerFrame>(body(&encode(&ev).unwrap())).unwrap(),
        ev
    );
}

#[test]
fn a_mark_read_claiming_2_60_ids_is_refused_by_the_size_limit() {
    // The encoded MarkRead(vec![7, 7, 7]) with its length (3) replaced by a
    // claim of 2^60 ids: refused without allocating them.
    let f = encode(&ClientFrame::Call {
        id: 1,
        last: true,
        req: Request::MarkRead(vec![7, 7, 7]),
    })
    .unwrap();
    let b = body(&f).to_vec();
    let at = b.windows(4).position(|w| w == [3, 7, 7, 7]).unwrap();
    let mut bad = b[..at].to_vec();
    bad.push(0xfd); // a u64 length follows
    bad.extend_from_slice(&(1u64 << 60).to_le_bytes());
    bad.extend_from_slice(&b[at + 1..]);
    assert!(decode::<ClientFrame>(&b).is_ok());
    assert!(matches!(
        decode::<ClientFrame>(&bad),
        Err(ProtoError::Malformed(_))
    ));
}

#[test]
fn a_batch_round_trips_and_comes_after_every_older_request() {
    use crate::model::{Act, BatchStep};
    let req = Request::ApplyBatch(vec![
        BatchStep::of(Command::Create {
            item: Box::new(item(0)),
        }),
        BatchStep::on(
            0,
            Command::Act {
                id: 0,
                version: 0,
                act: Act::Assign {
                    lead: "市住建局".into(),
                    assisting: "市財政局".into(),
                    deadline: "+20工作日".into(),
                    report: "每週".into(),
                },
            },
        ),
    ]);
    let f = encode(&ClientFrame::Call {
        id: 1,
        last: true,
        req: req.clone(),
    })
    .unwrap();
    // Call, id 1, last, then the variant: appended (protocol 5), so the
    // numbers of every older request are unchanged.
    assert_eq!(&body(&f)[..4], &[0u8, 1, 1, 24]);
    let mark = encode(&ClientFrame::Call {
        id: 1,
        last: true,
        req: Request::MarkRead(vec![]),
    })
    .unwrap();
    assert_eq!(body(&mark)[3], 23);
    assert_eq!(
        decode::<ClientFrame>(body(&f)).unwrap(),
        ClientFrame::Call {
            id: 1,
            last: true,
            req
        }
    );
    let r = Response::Items(vec![item(2), item(2)]);
    let f = reply_frames(1, Ok(r.clone())).unwrap();
    assert_eq!(
        decode::<ServerFrame>(body(&f[0])).unwrap(),
        ServerFrame::Reply {
            id: 1,
            last: true,
            result: Ok(r)
        }
    );
}

#[test]
fn latest_history_is_variant_25_and_a_long_id_list_goes_in_parts() {
    let f = encode(&ClientFrame::Call {
        id: 1,
        last: true,
        req: Request::LatestHistory(vec![3, 9]),
    })
    .unwrap();
    // Appended after `ApplyBatch` (24): no older request changes its number.
    assert_eq!(&body(&f)[..4], &[0u8, 1, 1, 25]);
    assert_eq!(
        decode::<ClientFrame>(body(&f)).unwrap(),
        ClientFrame::Call {
            id: 1,
            last: true,
            req: Request::LatestHistory(vec![3, 9]),
        }
    );
    // More ids than one part holds: split, and appended back in order.
    let ids: Vec<ItemId> = (1..=(PART_BYTES as u64 / 4)).map(|i| i << 40).collect();
    let frames = call_frames(2, Request::LatestHistory(ids.clone())).unwrap();
    assert!(frames.len() > 1, "{} frames", frames.len());
    let mut acc: Option<Request> = None;
    for f in &frames {
        let ClientFrame::Call { req, .. } = decode::<ClientFrame>(body(f)).unwrap();
        match acc.as_mut() {
            None => acc = Some(req),
            Some(a) => assert!(a.append(req)),
        }
    }
    assert_eq!(acc, Some(Request::LatestHistory(ids)));
}
